#!/usr/bin/env bash
# Batch routing and backtest speed (issue 11, BENCHMARKS.md "Batch routing and backtest").
#   BENCH_URL=http://127.0.0.1:18391 BENCH_ADMIN=admin:pw BENCH_OPS=ops:pw BENCH_API_KEY=key bash bench/batch.sh [N]
# Needs a running app on PostgreSQL (the packaged jar, example roster), wrk, and Debian's python3-openpyxl (/usr/bin/python3).
#  1. batch: N leads in one CSV, POST /api/route/batch (routed for real), rows per second
#  2. baseline in the same run: the same kind of leads one by one, POST /api/route, wrk 8 connections, 20 s
#  3. backtest: every stored decision of the run replayed against territories.xlsx with one row changed
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}; url=${BENCH_URL:-http://127.0.0.1:18391}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-batch"; mkdir -p "$out"; work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$n" > "$work/leads.csv" <<'PY'
import sys
countries = ["DE", "FR", "GB", "US", "NL", "ES", "IT", "AT"]
print("id,country,employees,source")
for i in range(int(sys.argv[1])):
    print(f"batch-{i},{countries[i % len(countries)]},{(i * 37) % 2000 + 1},bench")
PY
from=$(date -u +%FT%TZ)
start=$(date +%s.%N)
curl -sf -u "$BENCH_ADMIN" -H 'Content-Type: text/csv' --data-binary @"$work/leads.csv" \
  "$url/api/route/batch?batchId=bench-$(date +%s%N)" -o "$work/batch.json"
end=$(date +%s.%N)
routed=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['routed']))" "$work/batch.json")
batch_rate=$(python3 -c "print(round($routed / ($end - $start), 1))")
echo "batch: $routed of $n rows routed in $(python3 -c "print(round($end - $start, 2))") s = $batch_rate rows/s" | tee "$out/batch.txt"
BENCH_API_KEY="$BENCH_API_KEY" wrk -t2 -c8 -d20s -s bench/route-each.lua "$url" | tee "$out/one-by-one.txt"
each_rate=$(awk '/Requests\/sec/ {print $2}' "$out/one-by-one.txt")
echo "ratio batch / one-by-one (8 clients): $(python3 -c "print(round($batch_rate / $each_rate, 2))")" | tee -a "$out/batch.txt"
to=$(date -u -d '+1 minute' +%FT%TZ)
/usr/bin/python3 - "$work/territories.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook("decision-tables/territories.xlsx")
ws = wb.worksheets[0]
for row in ws.iter_rows():
    if row[0].value and str(row[0].value).startswith("TERR-040"):
        ws.cell(row=row[0].row, column=7, value="Southern Europe")  # the team column: France & Benelux moves
wb.save(sys.argv[1])
PY
printf '{"files":{"decision-tables/territories.xlsx":"%s"},"from":"%s","to":"%s","pageSize":1}' \
  "$(base64 -w0 "$work/territories.xlsx")" "$from" "$to" > "$work/backtest.json"
start=$(date +%s.%N)
curl -sf -u "$BENCH_OPS" -H 'Content-Type: application/json' --data-binary @"$work/backtest.json" \
  "$url/api/rules/backtest" -o "$out/backtest.json"
end=$(date +%s.%N)
leads=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['leads'])" "$out/backtest.json")
echo "backtest: $leads stored leads in $(python3 -c "print(round($end - $start, 2))") s = $(python3 -c "print(round($leads / ($end - $start)))") leads/s" | tee -a "$out/batch.txt"
