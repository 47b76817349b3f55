#!/usr/bin/env bash
# HTTP figures with a realistic roster and a varied lead corpus (issue 14, BENCHMARKS.md "Realistic roster"), one run,
# about 4 minutes on 2 cores. Writes bench/results/<timestamp>-http-realistic/.
#   BENCH_PORT=18580 PGHOST=127.0.0.1 PGUSER=leadrouter_bench PGPASSWORD=leadrouter_bench BENCH_DB=leadrouter_bench_http bash bench/http-realistic.sh
# The database BENCH_DB is dropped and created again with the given PostgreSQL role (needs CREATEDB). The app is the
# jar packaged with -Pbench (so /bench/echo and /bench/insert exist) in the production profile, serving the shipped
# mixed rule base (a copy of rules/ and decision-tables/), with a generated roster (HttpBench roster) loaded by SQL.
#  1. parity: the first 2,000 corpus leads as dry runs over HTTP and in process (same rules, same roster) must agree
#  2. 200 reps: echo / dry run / logged route / plain insert, each with the varied corpus; dry run with one repeated lead
#  3. one hot pool: every lead into DACH Commercial (16 reps), logged, against the varied corpus's logged figure
#  4. roster size: 13 (one per team), 100 and 1,000 reps, dry run and logged
# BENCH_SKIP_BUILD=1 reuses target/ from an earlier run of this script.
set -euo pipefail
# shellcheck source=lib-app.sh
source "$(dirname "$0")/lib-app.sh"
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-18580}; db=${BENCH_DB:-leadrouter_bench_http}; secs=${BENCH_SECONDS:-10}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-leadrouter_bench} PGPASSWORD=${PGPASSWORD:-leadrouter_bench}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-http-realistic"; mkdir -p "$out"
work=$(mktemp -d); app_pid=""
cleanup() { [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
step() { echo "--- $(date -u +%T) $* (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/steps.log"; }
{
  echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; lscpu | grep -E "Model name" || true; java -version 2>&1 | head -1
  echo "load average at start: $(cat /proc/loadavg)"
  echo "commit: $(git rev-parse HEAD) $(git status --porcelain --untracked-files=no | grep -q . && echo "(dirty)" || true)"
} > "$out/machine.txt"

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  step "build: -Pbench package (baselines in the jar) and the bench classpath"
  ./mvnw -B -q -Pbench package -DskipTests
  ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
hb() { java -Xmx512m -cp "$cp" io.leadrouter.bench.HttpBench "$@"; }

step "inputs: shipped rules, corpus of 20,000 varied leads, hot-pool corpus, rosters"
cp -r rules decision-tables "$work/"
rm -rf "$work/rules/tests"
hb corpus 20000 "$work/corpus.jsonl"
hb corpus 20000 "$work/hot.jsonl" hot
for reps in 10 100 200 1000; do hb roster "$reps" "$work/roster-$reps.sql" | tee -a "$out/steps.log"; done
head -n 5 "$work/corpus.jsonl" > "$out/corpus-head.jsonl"
cp "$work/roster-200.sql" "$out/roster-200.sql"
sed -n 1p "$work/corpus.jsonl" > "$work/lead.json"

start_app
roster 200

step "warm-up: echo, dry run and logged route, $secs s each"
BENCH_CORPUS="$work/corpus.jsonl" wrk -t2 -c16 -d${secs}s -s bench/corpus.lua "http://127.0.0.1:$port/bench/echo" >/dev/null
BENCH_CORPUS="$work/corpus.jsonl" wrk -t2 -c16 -d${secs}s -s bench/corpus.lua "http://127.0.0.1:$port/api/route?dryRun=true" >/dev/null
BENCH_CORPUS="$work/corpus.jsonl" wrk -t2 -c16 -d${secs}s -s bench/corpus.lua "http://127.0.0.1:$port/api/route" >/dev/null

step "1. parity: 2,000 leads as HTTP dry runs vs in process, 200 reps"
hb parity "http://127.0.0.1:$port" "$BENCH_API_KEY" "$work/rules" "$work/decision-tables" "$work/corpus.jsonl" 200 2000 \
  "$out/parity.csv" | tee "$out/parity.txt"

step "2. 200 reps in 16 pools, varied corpus"
run echo 0 /bench/echo "$work/corpus.jsonl"
run route-dry-run 200 "/api/route?dryRun=true" "$work/corpus.jsonl"
run route-dry-run-one-lead 200 "/api/route?dryRun=true" "$work/corpus.jsonl" bench/post.lua
run plain-insert 0 /bench/insert "$work/corpus.jsonl"
run route-logged 200 /api/route "$work/corpus.jsonl"

step "3. one hot pool (DACH Commercial), logged"
run route-logged-hot-pool 200 /api/route "$work/hot.jsonl"

step "4. roster size"
for reps in 10 100 1000; do
  roster "$reps"; n=$(grep -c "@example.com" "$work/roster-$reps.sql")
  run "route-dry-run-$reps" "$n" "/api/route?dryRun=true" "$work/corpus.jsonl"
  run "route-logged-$reps" "$n" /api/route "$work/corpus.jsonl"
done
psql -q -d "$db" -At -c "select count(*) || ' decisions stored, ' || count(assignee_id) || ' assigned to a rep' from decision" \
  | tee -a "$out/steps.log"
psql -q -d "$db" -At -F, -c "select coalesce(queue, 'rep of ' || pool), count(*) from decision group by 1 order by 2 desc limit 25" \
  > "$out/decision-targets.csv"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
step "done: $out"
cat "$out/http.csv"
