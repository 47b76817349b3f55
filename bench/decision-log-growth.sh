#!/usr/bin/env bash
# Route latency and the sticky-owner / cap queries with 0, 1M and 5M stored decisions on PostgreSQL (issue 14,
# BENCHMARKS.md "Decision-log growth"), about 5 minutes on 2 cores. Writes bench/results/<timestamp>-log-growth/.
#   BENCH_PORT=18581 PGHOST=127.0.0.1 PGUSER=leadrouter_bench PGPASSWORD=leadrouter_bench BENCH_DB=leadrouter_bench_growth bash bench/decision-log-growth.sh
# Same app, roster (200 reps) and varied corpus as bench/http-realistic.sh (run that first, or drop BENCH_SKIP_BUILD).
# The history is bulk-loaded with generate_series (not routed): rows newest first, spread evenly over the past
# (1M rows = the last 146 days, 5M = two years), 60 % assigned to one of the 200 reps, with sticky keys and JSON
# documents of about the routed size. At each size: EXPLAIN ANALYZE of the sticky look-up and of the two cap counts
# (one rep; all reps of a pool), each timed over 200 executions, then wrk (echo, dry run, logged route, 8 s each).
set -euo pipefail
source "$(dirname "$0")/lib-app.sh"
cd "$(dirname "$0")/.."
port=${BENCH_PORT:-18581}; db=${BENCH_DB:-leadrouter_bench_growth}; secs=${BENCH_SECONDS:-8}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-leadrouter_bench} PGPASSWORD=${PGPASSWORD:-leadrouter_bench}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-log-growth"; mkdir -p "$out"
work=$(mktemp -d); app_pid=""
cleanup() { [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
step() { echo "--- $(date -u +%T) $* (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/steps.log"; }
{
  echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; java -version 2>&1 | head -1
  psql -d postgres -Atc "select version()"; psql -d postgres -Atc "show shared_buffers"
  echo "load average at start: $(cat /proc/loadavg)"
  echo "commit: $(git rev-parse HEAD) $(git status --porcelain --untracked-files=no | grep -q . && echo "(dirty)" || true)"
} > "$out/machine.txt"
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  step "build"
  ./mvnw -B -q -Pbench package -DskipTests
  ./mvnw -B -q -Pbench dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
hb() { java -Xmx512m -cp "$cp" io.leadrouter.bench.HttpBench "$@"; }
cp -r rules decision-tables "$work/"; rm -rf "$work/rules/tests"
hb corpus 20000 "$work/corpus.jsonl"; hb roster 200 "$work/roster-200.sql"
sed -n 1p "$work/corpus.jsonl" > "$work/lead.json"
start_app
roster 200

# Rows g in [from, to): decided g * 12.6 s before the load started (5M rows = two years), newest first.
load() {
  psql -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
with reps as (select array_agg(id order by id) as id, array_agg('team:' || lower(team) order by id) as pool from rep)
insert into decision (id, lead_id, assignee_id, queue, score, priority, rules_version, decided_at, assignee,
                      lead_snapshot, matched_rules, explanation, pool, lead_segment, assigned_email, assigned_email_domain)
select lpad(to_hex(g), 32, '0')::uuid, 'bulk-' || g,
       case when g % 10 < 6 then reps.id[1 + g % 200] end,
       case when g % 10 >= 6 then 'Inbound triage' end,
       g % 100, 'NORMAL', 'v1-bulk', now() - interval '10 minutes' - g * interval '12.6 seconds',
       case when g % 10 < 6 then '{"id":"' || reps.id[1 + g % 200] || '","team":"x"}' end,
       '{"id":"bulk-' || g || '","email":"p' || (g % 1500000) || '@d' || (g % 300000) || '.example.org","company":"Company '
         || g % 300000 || '","country":"US","region":"CA","industry":"Software","employees":' || g % 5000
         || ',"source":"Web form","segment":"SMB","score":' || g % 100 || ',"priority":"NORMAL"}',
       '[{"name":"TERR-070 US West Coast and Mountain states → North America West team","source":"decision-tables/territories.xlsx","kind":"decision-table","sheet":"Territories","row":17,"salience":200}]',
       '{"target":"team North America West","decidedBy":"TERR-070","strategy":"ROUND_ROBIN","outcome":"assigned","candidates":[{"repId":"a","eligible":true},{"repId":"b","eligible":false,"excludedBecause":"outside working hours"}]}',
       case when g % 10 < 6 then reps.pool[1 + g % 200] end,
       (array['SMB','MID_MARKET','ENTERPRISE'])[1 + g % 3],
       case when g % 10 < 6 then 'p' || (g % 1500000) || '@d' || (g % 300000) || '.example.org' end,
       case when g % 10 < 6 then 'd' || (g % 300000) || '.example.org' end
from generate_series($1, $2 - 1) as g, reps;
analyze decision;
SQL
}

# The statements the route path issues (DecisionRepository.latestAssigned, usage, usageByRepAndPool), timed in the
# server over 200 executions each with varying parameters, plus one EXPLAIN ANALYZE of each for the plan.
queries() {
  local size=$1
  psql -q -v ON_ERROR_STOP=1 -d "$db" -At > "$out/explain-$size.txt" <<'SQL'
explain (analyze, buffers) (select 0 as how, lead_id, assignee_id, decided_at from decision where assigned_email = 'p42@d42.example.org' and decided_at >= now() - interval '90 days' order by decided_at desc limit 1) union all (select 1, lead_id, assignee_id, decided_at from decision where assigned_email_domain = 'd42.example.org' and decided_at >= now() - interval '90 days' order by decided_at desc limit 1);
explain (analyze, buffers) select count(*), sum(case when decided_at >= now() - interval '1 day' then 1 else 0 end), sum(case when lead_segment = 'SMB' then 1 else 0 end) from decision where assignee_id = (select min(id) from rep) and decided_at >= now() - interval '7 days';
explain (analyze, buffers) select assignee_id, pool, count(*), sum(case when decided_at >= now() - interval '1 day' then 1 else 0 end) from decision where assignee_id in (select id from rep where team = 'North America East') and decided_at >= now() - interval '7 days' group by assignee_id, pool;
SQL
  psql -q -v ON_ERROR_STOP=1 -d "$db" -At <<SQL
do \$\$
declare t0 timestamptz; r record; n int := 200; reps text[]; team_reps text[];
begin
  select array_agg(id order by id) into reps from rep;
  select array_agg(id) into team_reps from rep where team = 'North America East';
  t0 := clock_timestamp();
  for i in 1..n loop
    execute format('(select 0, lead_id from decision where assigned_email = %L and decided_at >= now() - interval ''90 days'' order by decided_at desc limit 1) union all (select 1, lead_id from decision where assigned_email_domain = %L and decided_at >= now() - interval ''90 days'' order by decided_at desc limit 1)',
      'p' || (i * 7919 % 1500000) || '@d' || (i * 7919 % 300000) || '.example.org', 'd' || (i * 7919 % 300000) || '.example.org');
  end loop;
  raise notice '$size,sticky-stored-keys,%', round(extract(epoch from clock_timestamp() - t0) * 1e6 / n);
  t0 := clock_timestamp();
  for i in 1..n loop
    execute format('(select 0, lead_id from decision where assigned_email = %L and decided_at >= now() - interval ''90 days'' order by decided_at desc limit 1) union all (select 1, lead_id from decision where assigned_email_domain = %L and decided_at >= now() - interval ''90 days'' order by decided_at desc limit 1)',
      'nobody' || i || '@new' || i || '.example.com', 'new' || i || '.example.com');
  end loop;
  raise notice '$size,sticky-new-keys,%', round(extract(epoch from clock_timestamp() - t0) * 1e6 / n);
  t0 := clock_timestamp();
  for i in 1..n loop
    execute format('select count(*), sum(case when decided_at >= now() - interval ''1 day'' then 1 else 0 end), sum(case when lead_segment = ''SMB'' then 1 else 0 end) from decision where assignee_id = %L and decided_at >= now() - interval ''7 days''', reps[1 + i % 200]);
  end loop;
  raise notice '$size,cap-one-rep,%', round(extract(epoch from clock_timestamp() - t0) * 1e6 / n);
  t0 := clock_timestamp();
  for i in 1..n loop
    execute format('select assignee_id, pool, count(*) from decision where assignee_id = any(%L) and decided_at >= now() - interval ''7 days'' group by assignee_id, pool', team_reps);
  end loop;
  raise notice '$size,cap-pool-of-%-reps,%', array_length(team_reps, 1), round(extract(epoch from clock_timestamp() - t0) * 1e6 / n);
end \$\$;
SQL
}

echo "stored_decisions,query,server_us_per_execution" > "$out/queries.csv"
step "warm-up: echo, dry run, logged route, 15 s each (JIT)"
for path in /bench/echo "/api/route?dryRun=true" /api/route; do
  BENCH_CORPUS="$work/corpus.jsonl" wrk -t2 -c16 -d15s -s bench/corpus.lua "http://127.0.0.1:$port$path" >/dev/null
done
for size in 0 1000000 5000000; do
  current=$(psql -d "$db" -Atc "select count(*) from decision")
  if (( size > 0 )); then
    step "bulk-load decisions $current .. $size"
    start=$(date +%s); load "$current" "$size"; echo "loaded to $size in $(( $(date +%s) - start )) s" | tee -a "$out/steps.log"
  fi
  psql -d "$db" -Atc "select count(*) || ' rows, table ' || pg_size_pretty(pg_table_size('decision')) || ', indexes ' || pg_size_pretty(pg_indexes_size('decision')) from decision" | tee -a "$out/steps.log"
  step "queries at $size"
  queries "$size" 2>&1 | sed -n 's/^NOTICE:  //p' | tee -a "$out/queries.csv"
  step "HTTP at $size"
  run "echo-$size" 200 /bench/echo "$work/corpus.jsonl"
  run "route-dry-run-$size" 200 "/api/route?dryRun=true" "$work/corpus.jsonl"
  run "route-logged-$size" 200 /api/route "$work/corpus.jsonl"
done
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
step "done: $out"
cat "$out/queries.csv" "$out/http.csv"
