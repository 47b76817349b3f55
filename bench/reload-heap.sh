#!/usr/bin/env bash
# Smallest -Xmx at which a reload of a ROWS-row table succeeds while two threads route (issue 14, BENCHMARKS.md
# "Rebuild peak heap"), about 5 minutes at 10,000 rows on 2 cores. Writes bench/results/<timestamp>-reload-heap/.
#   bash bench/reload-heap.sh [ROWS]        (default 10000; needs the bench classpath: see BENCHMARKS.md "Build once")
# Each try is one JVM (G1, -Xmx only): ReloadAndMemoryBench reload-fits (compile thread at nice 0, one thread, no
# parallel build). The first try at 1,024 MB also gives the baseline and the retained size; the second tries the
# target, 3 x retained + baseline; then bisection to 64 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-10000}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-reload-heap"; mkdir -p "$out"
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{ echo "date: $(date -u +%FT%TZ)"; echo "nproc: $(nproc)"; java -version 2>&1 | head -1
  echo "commit: $(git rev-parse HEAD)"; } > "$out/machine.txt"
try() { # MB -> exit status of the try; a line in tries.csv
  local rc=0
  echo "--- $(date -u +%T) -Xmx$1m (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$out/steps.log"
  java -XX:+UseG1GC -Xmx"$1"m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$cp" \
    io.leadrouter.bench.ReloadAndMemoryBench reload-fits "$rows" "$out/tries.csv" >> "$out/steps.log" 2>&1 || rc=$?
  echo "$1,$rc,$(cut -d' ' -f1 /proc/loadavg)" >> "$out/bisect.csv"
  return $rc
}
echo "xmx_mb,exit,load1" > "$out/bisect.csv"
try 1024 || { echo "the reload does not fit 1,024 MB" | tee -a "$out/steps.log"; exit 1; }
line=$(tail -n 1 "$out/tries.csv")
baseline=$(cut -d, -f5 <<< "$line"); retained=$(cut -d, -f6 <<< "$line")
target=$(( (3 * retained + baseline) >> 20 ))
echo "baseline $((baseline >> 20)) MB, retained $((retained >> 20)) MB: target -Xmx <= $target MB" | tee -a "$out/steps.log"
if try "$target"; then lo=$((retained >> 20)); hi=$target; else lo=$target; hi=1024; fi
while (( hi - lo > 64 )); do
  mid=$(( (lo + hi) / 2 ))
  if try "$mid"; then hi=$mid; else lo=$mid; fi
done
echo "smallest -Xmx that worked: $hi MB (failed at $lo MB); target $target MB" | tee -a "$out/steps.log" "$out/result.txt"
