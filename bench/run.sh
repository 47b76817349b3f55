#!/usr/bin/env bash
# Runs every benchmark of BENCHMARKS.md and writes the results to bench/results/<timestamp>[-quick]/.
#   bash bench/run.sh           the recorded run, about 11-17 minutes on 2 cores (run it on a quiet machine)
#   bash bench/run.sh --quick   a smoke run, a few minutes: small tables, short iterations; numbers are NOT results
#   bash bench/run.sh --http    only the HTTP steps (5-7), full length: for an A/B of a change to the request path
# Needs: wrk and PostgreSQL (Debian packages; installed here when missing, as root). All load goes to 127.0.0.1.
# BENCH_PORT (default 18080) and BENCH_DB (default leadrouter_bench: role and database, recreated) let two people
# run it on one machine without clashing.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false; http_only=false
[[ "${1:-}" == "--quick" ]] && quick=true
[[ "${1:-}" == "--http" ]] && http_only=true
if $quick; then
  engine_rows=50,500; jmh_opts=(-wi 1 -w 2s -i 1 -r 2s -f 1)
  compile_rows=50,500; compile_repeats=1; exec_max_rows=500; memory_rows=(50 500)
  reload_rows=500; reload_seconds=3; http_rows=500; wrk_seconds=3; rate_seconds=3
else
  # Forks, warm-up and iterations: the annotations of EngineThroughputBenchmark (3 forks x 5 iterations), not here.
  engine_rows=50,500,3000,10000; jmh_opts=()
  compile_rows=50,500,3000,10000; compile_repeats=3; exec_max_rows=3000; memory_rows=(50 500 3000 10000)
  reload_rows=3000; reload_seconds=10; http_rows=500; wrk_seconds=10; rate_seconds=10
fi

out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)$($quick && echo -quick || true)$($http_only && echo -http || true)"
mkdir -p "$out"
work=$(mktemp -d)
app_pid=""
cleanup() { [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
step() { echo "--- $*" | tee -a "$out/steps.log"; }

step "machine"
{
  echo "date: $(date -u +%FT%TZ)"; echo "quick: $quick"; echo "nproc: $(nproc)"
  lscpu | grep -E "Model name|Thread|Core|Socket|MHz" || true
  free -h | head -2; java -version 2>&1; uptime
  echo "commit: $(git rev-parse HEAD) $(git status --porcelain --untracked-files=no | grep -q . && echo "(dirty)" || true)"
} > "$out/machine.txt"

step "build (profile bench)"
./mvnw -B -q -Pbench test-compile
./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
bench() { java -Xms2g -Xmx2g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" io.leadrouter.bench.ReloadAndMemoryBench "$@"; }

if ! $http_only; then
step "1. engine throughput (JMH, 2 threads, -prof gc), rows $engine_rows"
java -cp "$cp" org.openjdk.jmh.Main EngineThroughputBenchmark -p rows="$engine_rows" "${jmh_opts[@]}" \
  -prof gc -rf json -rff "$out/engine.json" | tee "$out/engine.txt" | grep -E "^(Benchmark|EngineThroughput)" || true
grep -q "EngineThroughputBenchmark.route " "$out/engine.txt" || { echo "JMH produced no result" >&2; exit 1; }
if grep -qE "^(# Run complete|<failure>)" "$out/engine.txt" && grep -q "<failure>" "$out/engine.txt"; then
  echo "a JMH trial failed (a parity mismatch fails the trial): see $out/engine.txt" >&2; exit 1
fi

step "2. compile time per row: classic vs executable model, rows $compile_rows"
bench compile "$compile_rows" "$compile_repeats" "$exec_max_rows" "$out/compile.csv"

step "3. retained heap per row and rebuild peak (one JVM per size)"
for rows in "${memory_rows[@]}"; do bench memory "$rows" "$out/memory.csv"; done

step "4. routing while reloading vs steady (in-process, compile thread as the product's: default nice), rows $reload_rows"
bench reload "$reload_rows" "$reload_seconds" "$out/reload.csv"
awk -F, 'NR>1 && $5>0 {bad=1} END {if (bad) print "failed decisions during the reload run: see reload.csv"}' "$out/reload.csv" | tee -a "$out/steps.log"
fi

step "5. HTTP: app built with the benchmark baselines, PostgreSQL, table of $http_rows rows"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_lsclusters -h | grep -q "^${pg_version} main" || pg_createcluster "$pg_version" main >/dev/null
pg_ctlcluster "$pg_version" main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
db=${BENCH_DB:-leadrouter_bench}
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BENCH_DB must be a plain lower-case identifier" >&2; exit 1; }
su postgres -c "psql -v ON_ERROR_STOP=1 -q" <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$db') THEN
    CREATE ROLE $db LOGIN PASSWORD '$db';
  END IF;
END \$\$;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db OWNER $db;
SQL
# The duplicate window is off: post.lua sends one lead again and again, and every route must be a real one.
# -Pbench: adds the /bench/echo and /bench/insert baselines (src/bench/app/java) to the jar, and keeps src/bench/java in the
# test classes the package build recompiles.
./mvnw -B -q -Pbench package -DskipTests
bench files "$http_rows" "$work"
port=${BENCH_PORT:-18080}
export BENCH_API_KEY=bench-crm-key BENCH_BODY_FILE="$work/lead.json"
DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" DB_USER=$db DB_PASSWORD=$db \
  LEADROUTER_ADMIN_PASSWORD=bench-admin LEADROUTER_OPS_PASSWORD=bench-ops LEADROUTER_CRM_PASSWORD=bench-crm \
  LEADROUTER_CRM_API_KEY="$BENCH_API_KEY" LEADROUTER_SESSION_KEY=bench-console-session-key-0123456789 \
  java -Xms1g -Xmx1g -Dquarkus.http.port=$port -Dquarkus.log.level=WARN \
  -Drouting.rules-dir="$work/rules" -Drouting.decision-tables-dir="$work/decision-tables" \
  -Drouting.idempotency.duplicate-window=PT0S \
  -jar target/quarkus-app/quarkus-run.jar > "$out/app.log" 2>&1 &
app_pid=$!
# A loaded shared machine can take over a minute to start the app: BENCH_START_SECONDS (default 180).
for _ in $(seq 1 "${BENCH_START_SECONDS:-180}"); do curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "app did not start: see $out/app.log" >&2; exit 1; }

# CPU time (user + system, clock ticks) of a process, and of all PostgreSQL server processes together.
clk_tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
pg_ticks() {
  local total=0 pid
  # A backend that exits between pgrep and the read counts 0.
  for pid in $(pgrep -u postgres || true); do total=$((total + $(cpu_ticks "$pid" 2>/dev/null || echo 0))); done
  echo "$total"
}
# An overloaded run leaves requests queued in the server after the generator stops; the next measurement must not
# start on that backlog. Waits (at most 60 s) until the app uses under 10 % of a core for a second.
wait_idle() {
  local before after
  for _ in $(seq 1 60); do
    before=$(cpu_ticks "$app_pid"); sleep 1; after=$(cpu_ticks "$app_pid")
    (( (after - before) * 10 < clk_tck )) && return 0
  done
  echo "app still busy after 60 s" | tee -a "$out/steps.log" >&2
}
echo "label,requests,app_cpu_us_per_request,postgres_cpu_us_per_request" > "$out/http-cpu.csv"
wrk_run() { # label path -> writes $out/wrk-<label>.txt and a line of http-cpu.csv, prints requests/s
  local app0 pg0 app1 pg1
  wait_idle
  app0=$(cpu_ticks "$app_pid"); pg0=$(pg_ticks)
  wrk -t2 -c16 -d${wrk_seconds}s --latency -s bench/post.lua "http://127.0.0.1:$port$2" > "$out/wrk-$1.txt"
  app1=$(cpu_ticks "$app_pid"); pg1=$(pg_ticks)
  if grep -q "Non-2xx" "$out/wrk-$1.txt"; then echo "non-2xx answers for $1: see $out/wrk-$1.txt" >&2; exit 1; fi
  awk -v label="$1" -v app=$((app1 - app0)) -v pg=$((pg1 - pg0)) -v tck="$clk_tck" \
    '/requests in/ {n = $1; printf "%s,%d,%.0f,%.0f\n", label, n, app * 1e6 / tck / n, pg * 1e6 / tck / n}' \
    "$out/wrk-$1.txt" >> "$out/http-cpu.csv"
  awk '/Requests\/sec/ {print int($2)}' "$out/wrk-$1.txt"
}
# Warm both paths (JIT, connection pool) before measuring.
wrk -t2 -c16 -d${wrk_seconds}s -s bench/post.lua "http://127.0.0.1:$port/bench/echo" >/dev/null
wrk -t2 -c16 -d${wrk_seconds}s -s bench/post.lua "http://127.0.0.1:$port/api/route?dryRun=true" >/dev/null
echo_max=$(wrk_run echo "/bench/echo")
route_max=$(wrk_run route-dry-run "/api/route?dryRun=true")
echo "label,max_requests_per_s" > "$out/http-max.csv"
echo "echo,$echo_max" >> "$out/http-max.csv"; echo "route-dry-run,$route_max" >> "$out/http-max.csv"

half=$((echo_max / 2))
step "6. fixed rate at half the echo's maximum: $half requests/s"
# Open loop (Vert.x client, 64 keep-alive connections, 3 s warm-up at the same rate): latency counted from each
# request's due time. Exit status 3 = achieved rate under 95 % of the target or failed requests: the CSV line then
# says valid=false and has no percentiles, and the run goes on.
load() {
  local rc=0
  wait_idle
  java -Xms256m -Xmx256m -cp "$cp" io.leadrouter.bench.FixedRateLoad "http://127.0.0.1:$port$1" "$BENCH_BODY_FILE" \
    X-API-Key "$BENCH_API_KEY" "$half" "$rate_seconds" "$2" "$out/http-fixed-rate.csv" 64 3 || rc=$?
  if [[ $rc == 3 ]]; then
    echo "fixed rate $2: below 95 % of $half requests/s or failed requests, latencies not reported" | tee -a "$out/steps.log"
  elif [[ $rc != 0 ]]; then
    echo "fixed-rate generator failed for $2 (exit $rc)" >&2; exit 1
  fi
}
load "/bench/echo" echo
load "/api/route?dryRun=true" route-dry-run
# Not a target, for reading the above: when the route cannot sustain half the echo's maximum, its latency at a rate it
# can sustain (half its own maximum).
half=$((route_max / 2))
load "/api/route?dryRun=true" route-dry-run-at-half-its-max

step "7. decision log in PostgreSQL: routing (logged) vs plain Panache insert"
logged_max=$(wrk_run route-logged "/api/route")
insert_max=$(wrk_run plain-insert "/bench/insert")
echo "route-logged,$logged_max" >> "$out/http-max.csv"; echo "plain-insert,$insert_max" >> "$out/http-max.csv"

kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
step "done: $out"
cat "$out/http-max.csv" "$out/http-cpu.csv" "$out/http-fixed-rate.csv"
$http_only || cat "$out/compile.csv" "$out/memory.csv" "$out/reload.csv"
