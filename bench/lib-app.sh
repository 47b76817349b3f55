# Shared by bench/http-realistic.sh and bench/decision-log-growth.sh (sourced): starts the jar packaged with -Pbench
# on a fresh PostgreSQL database and measures wrk runs with the app's and this database's CPU time per request.
# Needs: $out, $work (with rules/ and decision-tables/), $port, $db, PGHOST/PGUSER/PGPASSWORD, $secs.

# The role the scripts connect as (default leadrouter_bench, as bench/run.sh) must exist and may create databases;
# as root on a machine with Debian's PostgreSQL, create it when missing.
ensure_role() {
if [ "$(id -u)" = 0 ] && command -v su >/dev/null && ! PGPASSWORD=$PGPASSWORD psql -h "$PGHOST" -U "$PGUSER" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER') THEN CREATE ROLE $PGUSER LOGIN PASSWORD '$PGPASSWORD'; END IF;
END \$\$;
ALTER ROLE $PGUSER CREATEDB;
SQL
fi
}

start_app() {
  ensure_role
  dropdb --if-exists "$db"; createdb "$db"
  export BENCH_API_KEY=bench-crm-key
  DB_URL="jdbc:postgresql://$PGHOST:5432/$db" DB_USER=$PGUSER DB_PASSWORD=$PGPASSWORD \
    LEADROUTER_ADMIN_PASSWORD=bench-admin LEADROUTER_OPS_PASSWORD=bench-ops LEADROUTER_CRM_PASSWORD=bench-crm \
    LEADROUTER_CRM_API_KEY="$BENCH_API_KEY" LEADROUTER_SESSION_KEY=bench-session-key-0123456789abcdef \
    java -Xms1g -Xmx1g -Dquarkus.http.port="$port" -Dquarkus.log.level=WARN \
    -Drouting.rules-dir="$work/rules" -Drouting.decision-tables-dir="$work/decision-tables" \
    -Drouting.idempotency.duplicate-window=PT0S \
    -jar target/quarkus-app/quarkus-run.jar > "$out/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
  curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "app did not start: see $out/app.log" >&2; exit 1; }
  echo "label,reps,requests_per_s,p50_ms,p99_ms,app_cpu_us_per_request,postgres_cpu_us_per_request,non_2xx,load1" > "$out/http.csv"
}

roster() { psql -q -v ON_ERROR_STOP=1 -d "$db" -f "$work/roster-$1.sql"; }

clk_tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Only this database's backends: the other PostgreSQL clients on a shared machine are not counted.
pg_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "postgres: .*$PGUSER $db " || true); do total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo "$total"
}
# A run must not start on the backlog of the one before: waits (at most 30 s) for the app to use < 10 % of a core.
wait_idle() {
  local before after
  for _ in $(seq 1 30); do
    before=$(cpu_ticks "$app_pid"); sleep 1; after=$(cpu_ticks "$app_pid")
    (( (after - before) * 10 < clk_tck )) && return 0
  done
}
# label reps path corpus-file [lua] -> a line of $out/http.csv; wrk's output in $out/wrk-<label>.txt
run() {
  local label=$1 reps=$2 path=$3 corpus=$4 lua=${5:-bench/corpus.lua} app0 pg0 app1 pg1
  wait_idle
  app0=$(cpu_ticks "$app_pid"); pg0=$(pg_ticks)
  BENCH_CORPUS="$corpus" BENCH_BODY_FILE="$work/lead.json" \
    wrk -t2 -c16 -d"${secs}"s --latency -s "$lua" "http://127.0.0.1:$port$path" > "$out/wrk-$label.txt"
  app1=$(cpu_ticks "$app_pid"); pg1=$(pg_ticks)
  awk -v label="$label" -v reps="$reps" -v app=$((app1 - app0)) -v pg=$((pg1 - pg0)) -v tck="$clk_tck" \
      -v load="$(cut -d' ' -f1 /proc/loadavg)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / 50% / {p50 = ms($2)} / 99% / {p99 = ms($2)} /requests in/ {n = $1} /Non-2xx/ {bad = $5}
    /Requests\/sec/ {rps = $2}
    END {printf "%s,%s,%.0f,%.2f,%.2f,%.0f,%.0f,%d,%s\n", label, reps, rps, p50, p99, app * 1e6 / tck / n, pg * 1e6 / tck / n, bad, load}' \
    "$out/wrk-$label.txt" | tee -a "$out/http.csv"
}
