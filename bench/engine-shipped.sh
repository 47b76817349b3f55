#!/usr/bin/env bash
# The shipped mixed rule base in process (issue 14, BENCHMARKS.md "Shipped rule base"): JMH ShippedRulesBenchmark,
# 3 forks x 5 iterations of 2 s (the annotations), 2 threads, -prof gc, rosters of 15, 200 and 1,000 reps; about
# 4 minutes. Writes bench/results/<timestamp>-engine-shipped/. Needs the bench classpath (BENCHMARKS.md "Build once").
#   bash bench/engine-shipped.sh [JMH options]     e.g. -p reps=200 for one roster size
set -euo pipefail
cd "$(dirname "$0")/.."
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-engine-shipped"; mkdir -p "$out"
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{ echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; java -version 2>&1 | head -1
  echo "load average at start: $(cat /proc/loadavg)"; echo "commit: $(git rev-parse HEAD)"; } > "$out/machine.txt"
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" org.openjdk.jmh.Main ShippedRulesBenchmark \
  -prof gc -rf json -rff "$out/engine-shipped.json" "$@" | tee "$out/engine-shipped.txt" \
  | grep -E "^(Benchmark|ShippedRules)|shipped rule base" || true
echo "load average at end: $(cat /proc/loadavg)" >> "$out/machine.txt"
grep -q "ShippedRulesBenchmark.route " "$out/engine-shipped.txt" || { echo "JMH produced no result" >&2; exit 1; }
