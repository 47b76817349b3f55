#!/usr/bin/env bash
# Issue 12 item 3: logged routes per second with two instances on one PostgreSQL vs one instance, same run
# (BENCHMARKS.md "Two instances on one PostgreSQL").
#   bash bench/two-instances.sh [SECONDS]       default 20 s per measurement (after a warm-up of the same length)
# Starts the packaged jar (production profile) on a fresh database with 8 teams x 4 reps (round robin) and rules that
# send a lead to its country's team, or every lead to one team ("hot" pool). Then, with wrk and 16 connections in all:
#   one instance:  wrk -t2 -c16 on A, leads spread over the 8 pools, then all into the hot pool
#   two instances: B started on the same database (it adopts A's rules), wrk -t1 -c8 on A and on B at the same time
# Around each run it reads the CPU time of each java, of the PostgreSQL backends of its database and of wrk from /proc, so the
# figures say where the CPU per request goes (cpu.csv), and the machine's load average (the machine may be shared).
# Environment: BENCH_PORT (default 18092; B on +1), BENCH_HEAP (512m), SOAK_SKIP_BUILD=1 to reuse target/, and the
# database as in bench/soak.sh: BENCH_DB (default leadrouter_two), BENCH_PG_USER/BENCH_PG_PASSWORD or root via su.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
port_a=${BENCH_PORT:-18092}; port_b=$((port_a + 1)); db=${BENCH_DB:-leadrouter_two}; heap=${BENCH_HEAP:-512m}
[[ "$db" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BENCH_DB must be a plain lower-case identifier" >&2; exit 1; }
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-two-instances"; mkdir -p "$out"
work=$(mktemp -d); pids=()
# The instances are not children of this shell (started in $(...)): wait for each to exit by polling before the jar
# they run from is deleted (a JVM still shutting down loads classes from it, and hung when it was gone).
stop_instances() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 120); do kill -0 "$p" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$p" 2>/dev/null || true
  done
  pids=()
}
cleanup() { stop_instances; rm -rf "$work"; }
trap cleanup EXIT

if [[ "${SOAK_SKIP_BUILD:-}" != 1 ]]; then
  ./mvnw -B -q package -DskipTests
fi
mkdir -p "$work/build"; cp -r target/quarkus-app "$work/build/"

if [[ -n "${BENCH_PG_USER:-}" ]]; then
  db_user=$BENCH_PG_USER; db_password=${BENCH_PG_PASSWORD:?BENCH_PG_PASSWORD}
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

countries=(DE FR GB US NL ES IT AT)
for name in a b; do
  mkdir -p "$work/$name/rules" "$work/$name/decision-tables"
  {
    echo 'package io.leadrouter.rules;'; echo 'import io.leadrouter.domain.*;'
    echo 'global io.leadrouter.domain.Routing routing;'
    echo 'rule "TWO-000 Hot pool" salience 100 activation-group "assignment"'
    echo 'when Lead(source == "hot") then routing.assignToTeam("Team HOT", "ROUND_ROBIN"); end'
    for c in "${countries[@]}"; do
      echo "rule \"TWO-$c $c leads → Team $c\" salience 10 activation-group \"assignment\""
      echo "when Lead(country == \"$c\") then routing.assignToTeam(\"Team $c\", \"ROUND_ROBIN\"); end"
    done
    echo 'rule "TWO-999 Anything else" salience 0 activation-group "assignment" when Lead() then routing.routeToQueue("Triage"); end'
  } > "$work/$name/rules/two.drl"
done

{
  echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; lscpu | grep -E "Model name" || true
  java -version 2>&1 | head -1; echo "load average before: $(cat /proc/loadavg)"
  echo "commit: $(git rev-parse HEAD) $(git status --porcelain --untracked-files=no | grep -q . && echo "(dirty)" || true)"
  echo "runs: $seconds s each after a warm-up of $seconds s; heap $heap per instance"
} > "$out/machine.txt"

export BENCH_API_KEY=two-crm-key
start_instance() { # name port -> pid
  DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" DB_USER=$db_user DB_PASSWORD=$db_password \
    LEADROUTER_ADMIN_PASSWORD=two-admin LEADROUTER_OPS_PASSWORD=two-ops LEADROUTER_CRM_PASSWORD=two-crm \
    LEADROUTER_CRM_API_KEY=$BENCH_API_KEY LEADROUTER_SESSION_KEY=two-console-session-key-of-32-characters \
    java -Xms$heap -Xmx$heap -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$2" -Dquarkus.log.level=WARN \
    -Drouting.rules-dir="$work/$1/rules" -Drouting.decision-tables-dir="$work/$1/decision-tables" \
    -jar "$work/build/quarkus-app/quarkus-run.jar" > "$out/app-$1.log" 2>&1 &
  echo $!
}
await_ready() {
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/q/health/ready" >/dev/null && return 0; sleep 1; done
  echo "instance on $1 did not start" >&2; exit 1
}
pid_a=$(start_instance a "$port_a"); pids+=("$pid_a"); await_ready "$port_a"
for team in HOT "${countries[@]}"; do
  for r in 1 2 3 4; do
    curl -sf -u admin:two-admin -H 'Content-Type: application/json' "http://127.0.0.1:$port_a/api/reps" -o /dev/null \
      -d "{\"id\":\"rep-$team-$r\",\"name\":\"Rep $team $r\",\"email\":\"rep-$team-$r@example.com\",\"team\":\"Team $team\",\"territories\":[\"*\"]}"
  done
done

clk_tck=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The backends serving this database only (their title names it): other databases on the same server (other
# people's test suites) would otherwise be counted as this benchmark's cost.
pg_ticks() {
  local total=0 pid
  for pid in $(pgrep -u postgres -f " $db " || true); do total=$((total + $(ticks "$pid"))); done
  echo "$total"
}
# CPU seconds (user + sys) of the children of a subshell that ran wrk: bash's `times` (not in a pipeline: that
# would be a subshell without children), second line.
child_seconds() { awk 'NR == 2 { n = split($0, t, " "); s = 0; for (i = 1; i <= n; i++) { split(t[i], p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] }; print s }'; }
echo "config,pools,seconds,requests,req_per_s,non_2xx,app_a_us_per_req,app_b_us_per_req,postgres_us_per_req,wrk_us_per_req,load_average" > "$out/cpu.csv"
measure() { # config pools url...
  local config=$1 pools=$2; shift 2
  local a0 b0 p0 a1 b1 p1 n=$# threads conns i
  threads=$((2 / n)); conns=$((16 / n))
  # Warm-up of the same length, not measured (JIT, connection pools, pool rows).
  for i in $(seq 1 $n); do
    BENCH_POOLS=$pools BENCH_PREFIX="warm-$config-$pools-$i" wrk -t$threads -c$conns -d${seconds}s -s bench/route-pools.lua "${!i}" >/dev/null &
  done
  wait
  a0=$(ticks "$pid_a"); b0=$( [[ -n "${pid_b:-}" ]] && ticks "$pid_b" || echo 0); p0=$(pg_ticks)
  for i in $(seq 1 $n); do
    ( BENCH_POOLS=$pools BENCH_PREFIX="$config-$pools-$i" wrk -t$threads -c$conns -d${seconds}s --latency -s bench/route-pools.lua "${!i}" \
        > "$out/wrk-$config-$pools-$i.txt"; times > "$out/wrk-$config-$pools-$i.times"
      child_seconds < "$out/wrk-$config-$pools-$i.times" > "$out/wrk-$config-$pools-$i.cpu" ) &
  done
  wait
  a1=$(ticks "$pid_a"); b1=$( [[ -n "${pid_b:-}" ]] && ticks "$pid_b" || echo 0); p1=$(pg_ticks)
  local requests=0 non2xx=0 wrk_cpu=0 r
  for i in $(seq 1 $n); do
    r=$(awk '/requests in/ {print $1}' "$out/wrk-$config-$pools-$i.txt"); requests=$((requests + r))
    r=$(awk '/Non-2xx/ {print $NF}' "$out/wrk-$config-$pools-$i.txt"); non2xx=$((non2xx + ${r:-0}))
    wrk_cpu=$(awk -v a="$wrk_cpu" -v b="$(cat "$out/wrk-$config-$pools-$i.cpu")" 'BEGIN {print a + b}')
  done
  awk -v c="$config" -v p="$pools" -v s="$seconds" -v n="$requests" -v x="$non2xx" -v a=$((a1 - a0)) -v b=$((b1 - b0)) \
    -v pg=$((p1 - p0)) -v w="$wrk_cpu" -v t="$clk_tck" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN {printf "%s,%s,%d,%d,%.0f,%d,%.0f,%.0f,%.0f,%.0f,%s\n", c, p, s, n, n / s, x, a * 1e6 / t / n, b * 1e6 / t / n, pg * 1e6 / t / n, w * 1e6 / n, l}' \
    | tee -a "$out/cpu.csv"
}
url_a="http://127.0.0.1:$port_a"; url_b="http://127.0.0.1:$port_b"
measure one spread "$url_a"
measure one hot "$url_a"
pid_b=$(start_instance b "$port_b"); pids+=("$pid_b"); await_ready "$port_b"
measure two spread "$url_a" "$url_b"
measure two hot "$url_a" "$url_b"
echo "load average after: $(cat /proc/loadavg)" >> "$out/machine.txt"
# Fairness across both instances: the reps of each pool got equal shares (round robin holds the pool's row lock).
PGPASSWORD=$db_password psql -q -h 127.0.0.1 -U "$db_user" -d "$db" -A -F, \
  -c "select split_part(assignee_id, '-', 2) as team, sum(c) as decisions, min(c) as fewest_per_rep, max(c) as most_per_rep from (select assignee_id, count(*) c from decision where assignee_id is not null group by 1) t group by 1 order by 1" \
  > "$out/fairness.csv" 2>/dev/null || true
awk -F, 'NR > 1 {rate[$1 "," $2] = $5} END {
  printf "two instances / one, leads spread over 8 pools: %.2fx (%d vs %d req/s)\n", rate["two,spread"] / rate["one,spread"], rate["two,spread"], rate["one,spread"]
  printf "two instances / one, one hot pool:            %.2fx (%d vs %d req/s)\n", rate["two,hot"] / rate["one,hot"], rate["two,hot"], rate["one,hot"]
}' "$out/cpu.csv" | tee "$out/summary.txt"
stop_instances
echo "results: $out"
