#!/usr/bin/env bash
# "Live about 2 s after save" (issue 14, BENCHMARKS.md): save a decision table on disk with the watcher on (production
# defaults: poll 1 s, debounce 1 s, compile thread at nice 10) and time until the first route answered by the new
# version; median and p95 over TRIALS saves at 50 and at 3,000 rows. About 3 minutes on 2 cores.
#   BENCH_PORT=18582 PGHOST=127.0.0.1 PGUSER=leadrouter_bench PGPASSWORD=leadrouter_bench BENCH_DB=leadrouter_bench_live bash bench/live-after-save.sh [TRIALS]
# TRIALS saves per size (default 10; the first save of each size is not counted); BENCH_ROWS="50 3000" the sizes.
# Needs the jar packaged with -Pbench and the bench classpath (bench/http-realistic.sh builds both).
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$(dirname "$0")/.."
trials=${1:-10}
port=${BENCH_PORT:-18582}; db=${BENCH_DB:-leadrouter_bench_live}; secs=5
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-leadrouter_bench} PGPASSWORD=${PGPASSWORD:-leadrouter_bench}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-live-after-save"; mkdir -p "$out"
work=$(mktemp -d); app_pid=""
cleanup() { [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
{ echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; echo "load average at start: $(cat /proc/loadavg)"
  echo "commit: $(git rev-parse HEAD)"; } > "$out/machine.txt"
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
java -Xmx1g -cp "$cp" io.leadrouter.bench.ReloadAndMemoryBench files 50 "$work" > /dev/null
start_app
for rows in ${BENCH_ROWS:-50 3000}; do
  echo "--- $(date -u +%T) $rows rows, $trials saves (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/steps.log"
  java -Xmx1g -cp "$cp" io.leadrouter.bench.HttpBench live "http://127.0.0.1:$port" "$BENCH_API_KEY" \
    "$work/decision-tables/territories.xlsx" "$rows" "$trials" "$work/lead.json" "$out/live.csv" | tee -a "$out/steps.log"
done
echo "load average at end: $(cat /proc/loadavg)" >> "$out/machine.txt"
