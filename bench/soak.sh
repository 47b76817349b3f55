#!/usr/bin/env bash
# The soak of issue 15 item 15 (BENCHMARKS.md "Soak: routes, webhooks and a reload every minute").
#   bash bench/soak.sh [SECONDS [ROUTES_PER_S]]      default 600 s at 50 logged routes/s
# Starts the packaged jar in the production profile on PostgreSQL with the 3,000-row territory table, creates reps for
# the 20 busiest teams, then for SECONDS drives ROUTES_PER_S logged routes (distinct lead ids) plus signed generic
# webhooks (SOAK_WEBHOOKS_PER_S, default 5), uploads the table with one cell changed every SOAK_RELOAD_EVERY seconds
# (default 60, first at half of it) and samples the app's RSS and CPU every 5 s (src/bench/java/.../SoakLoad.java).
# Results: bench/results/<timestamp>-soak/ (windows-10s.csv, minutes.csv, reloads.csv, rss.csv, summary.txt,
# machine.txt, app.log, gc.log (GC and safepoint pauses), threads-reload*.txt: thread dumps 2 s and 5 s into the first
# two uploads; threads-stall-*.txt: a dump whenever no answer came for a second with requests in flight).
# A warm-up of SOAK_WARMUP seconds (default 30) at the same load comes first and is reported apart.
# Environment: SOAK_PORT (default 18090), SOAK_HEAP (default 1g), SOAK_JAVA_OPTS (more JVM options for the app), SOAK_SKIP_BUILD=1 to reuse target/;
# the database SOAK_DB (default leadrouter_soak, dropped and recreated) is created with SOAK_PG_USER/SOAK_PG_PASSWORD
# when given (a role with CREATEDB), otherwise as root through the postgres user with a role of the same name, as
# bench/run.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; rate=${2:-50}
port=${SOAK_PORT:-18090}; db=${SOAK_DB:-leadrouter_soak}
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "SOAK_DB must be a plain lower-case identifier" >&2; exit 1; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-soak"; mkdir -p "$out"
work=$(mktemp -d); app_pid=""
# Wait for the app to exit before its jar is deleted: a JVM still shutting down loads classes from it.
cleanup() { if [[ -n "$app_pid" ]]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

if [[ "${SOAK_SKIP_BUILD:-}" != 1 ]]; then
  # -Pbench: the test classes then include src/bench/java (SoakLoad); the jar itself is the normal production build.
  ./mvnw -B -q -Pbench package -DskipTests
  ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
fi
# A copy of the build: the soak runs for minutes, and a build in this checkout meanwhile must not change its classes.
mkdir -p "$work/build"; cp -r target/quarkus-app target/classes target/test-classes "$work/build/"
cp="$work/build/test-classes:$work/build/classes:$(cat target/bench-classpath.txt)"

if [[ -n "${SOAK_PG_USER:-}" ]]; then
  db_user=$SOAK_PG_USER; db_password=${SOAK_PG_PASSWORD:?SOAK_PG_PASSWORD}
  PGPASSWORD=$db_password psql -q -h 127.0.0.1 -U "$db_user" -d postgres -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
else
  db_user=$db; db_password=$db
  su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db') THEN CREATE ROLE $db LOGIN PASSWORD '$db'; END IF;
END \$\$;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $db;
SQL
fi

{
  echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; lscpu | grep -E "Model name" || true
  free -h | head -2; java -version 2>&1 | head -1; echo "load average before: $(cat /proc/loadavg)"
  echo "commit: $(git rev-parse HEAD) $(git status --porcelain --untracked-files=no | grep -q . && echo "(dirty)" || true)"
  echo "soak: $seconds s, $rate routes/s, ${SOAK_WEBHOOKS_PER_S:-5} webhooks/s, upload every ${SOAK_RELOAD_EVERY:-60} s, heap ${SOAK_HEAP:-1g}"
} > "$out/machine.txt"

java -Xmx256m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
  io.leadrouter.bench.ReloadAndMemoryBench files 3000 "$work" >/dev/null
secret=soak-generic-webhook-secret
DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" DB_USER=$db_user DB_PASSWORD=$db_password \
  LEADROUTER_ADMIN_PASSWORD=soak-admin LEADROUTER_OPS_PASSWORD=soak-ops LEADROUTER_CRM_PASSWORD=soak-crm \
  LEADROUTER_CRM_API_KEY=soak-crm-key LEADROUTER_SESSION_KEY=soak-console-session-key-of-32-characters \
  LEADROUTER_GENERIC_WEBHOOK_SECRET=$secret \
  java -Xms${SOAK_HEAP:-1g} -Xmx${SOAK_HEAP:-1g} -Xlog:gc,safepoint:file="$out/gc.log":uptime,tags ${SOAK_JAVA_OPTS:-} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port=$port \
  -Drouting.rules-dir="$work/rules" -Drouting.decision-tables-dir="$work/decision-tables" \
  -jar "$work/build/quarkus-app/quarkus-run.jar" > "$out/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "app did not start: see $out/app.log" >&2; exit 1; }

java -Xms256m -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.leadrouter.bench.SoakLoad \
  --url="http://127.0.0.1:$port" --api-key=soak-crm-key --admin=admin:soak-admin --webhook-secret=$secret \
  --pid=$app_pid --seconds="$seconds" --rate="$rate" --webhook-rate="${SOAK_WEBHOOKS_PER_S:-5}" \
  --reload-every="${SOAK_RELOAD_EVERY:-60}" --warmup="${SOAK_WARMUP:-30}" --out="$out" | tee "$out/soak.txt"
echo "load average after: $(cat /proc/loadavg)" >> "$out/machine.txt"

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
echo "results: $out"
