#!/usr/bin/env bash
# Console page render times (issue 16, BENCHMARKS.md "Console page render times").
#   BENCH_URL=http://localhost:8181 BENCH_ADMIN=admin:dev-admin BENCH_OPS=ops:dev-ops bash bench/console-pages.sh [N]
# Needs a running app with the example roster (./mvnw quarkus:dev or the packaged jar) and Debian's python3-openpyxl
# (/usr/bin/python3). Routes N example leads (default 1000) through POST /api/route so the decision log, fairness and
# backtest pages have data, signs in through the login form, then times every page: one warm-up request, then 5
# timed ones; prints the median and the slowest. The backtest is the territories.xlsx candidate with TERR-040's team
# changed (France & Benelux → Southern Europe), over the whole log.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}; url=${BENCH_URL:-http://localhost:8181}; admin=${BENCH_ADMIN:-admin:dev-admin}; ops=${BENCH_OPS:-ops:dev-ops}
out="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-console"; mkdir -p "$out"; work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$url" "$admin" "$n" <<'PY'
import base64, concurrent.futures, json, random, sys, urllib.request
url, admin, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(7)
auth = 'Basic ' + base64.b64encode(admin.encode()).decode()
countries = ['DE', 'AT', 'CH', 'FR', 'BE', 'NL', 'GB', 'IE', 'US', 'US', 'US', 'ES', 'IT', 'JP', 'AU', 'SG', 'BR', 'SE']
def route(i):
    country = random.choice(countries)
    body = {'id': f'console-bench-{i}', 'country': country, 'employees': random.choice([12, 80, 400, 2500, 12000]),
            'source': random.choice(['Website', 'Webinar', 'Partner', 'Trade show']), 'firstName': 'Bench',
            'company': f'Company {i}', 'email': f'p{i}@company{i}.example'}
    if country == 'US':
        body['region'] = random.choice(['CA', 'NY', 'TX', 'WA'])
    request = urllib.request.Request(url + '/api/route', data=json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json', 'Authorization': auth})
    return urllib.request.urlopen(request).status
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    statuses = list(pool.map(route, range(n)))
print(f"routed {statuses.count(200)} of {n} example leads", file=sys.stderr)
PY
/usr/bin/python3 - "$work/territories.xlsx" <<'PY'
import sys, warnings, openpyxl
warnings.simplefilter('ignore')
workbook = openpyxl.load_workbook('decision-tables/territories.xlsx')
for row in workbook.worksheets[0].iter_rows():
    if row[0].value and str(row[0].value).startswith('TERR-040'):
        row[6].value = 'Southern Europe'
workbook.save(sys.argv[1])
PY
jar="$work/cookies"
curl -sf -c "$jar" -b "$jar" -o /dev/null "$url/console/login"
curl -s -c "$jar" -b "$jar" -o /dev/null -d "j_username=${admin%%:*}" -d "j_password=${admin#*:}" "$url/console/j_security_check"
csrf=$(curl -sf -c "$jar" -b "$jar" "$url/console/try" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
decision=$(curl -sf -b "$jar" "$url/console/decisions" | grep -o 'href="/console/decisions/[0-9a-f-]*"' | head -1 | sed 's/href="//;s/"$//')
from=$(date -u -d '-30 days' +%Y-%m-%dT%H:%M); to=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M)
time_page() { # name, curl arguments
  local name=$1; shift
  curl -s -b "$jar" -o /dev/null "$@"
  local codes=() times=()
  for _ in 1 2 3 4 5; do
    read -r code t < <(curl -s -b "$jar" -o "$work/page.html" -w '%{http_code} %{time_total}\n' "$@")
    codes+=("$code"); times+=("$t")
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-46s %-4s median %5.0f ms  slowest %5.0f ms  %7d bytes\n' "$name" "$(printf '%s\n' "${codes[@]}" | sort -u | tr '\n' ' ')" \
    "$(echo "$sorted" | sed -n 3p | awk '{print $1 * 1000}')" "$(echo "$sorted" | tail -1 | awk '{print $1 * 1000}')" \
    "$(stat -c %s "$work/page.html")"
}
{
  time_page "GET /console/login" "$url/console/login"
  time_page "GET /console/rules" "$url/console/rules"
  time_page "GET /console/rules/file territories.xlsx" "$url/console/rules/file?path=decision-tables/territories.xlsx"
  time_page "GET /console/rules/file default.drl" "$url/console/rules/file?path=rules/default.drl"
  time_page "GET /console/rules/backtest (the form)" "$url/console/rules/backtest"
  time_page "POST /console/rules/backtest (30 days)" -F "_csrf=$csrf" -F "file=@$work/territories.xlsx" -F "from=$from" -F "to=$to" "$url/console/rules/backtest"
  time_page "POST /api/rules/backtest (same, for scale)" -u "$ops" -F "decision-tables/territories.xlsx=@$work/territories.xlsx" -F "from=${from}:00Z" -F "to=${to}:00Z" "$url/api/rules/backtest"
  time_page "GET /console/try" "$url/console/try"
  time_page "POST /console/try (dry run)" -d "_csrf=$csrf" -d id=bench-try -d country=DE -d employees=2500 "$url/console/try"
  time_page "GET /console/decisions" "$url/console/decisions"
  time_page "GET /console/decisions?page=20" "$url/console/decisions?page=20"
  time_page "GET /console/decisions?ruleId=TERR-040" "$url/console/decisions?ruleId=TERR-040"
  time_page "GET /console/decisions/{id}" "$url$decision"
  time_page "GET /console/roster" "$url/console/roster"
  time_page "GET /console/roster/anna.schmidt" "$url/console/roster/anna.schmidt"
  time_page "GET /console/roster/holidays" "$url/console/roster/holidays"
  time_page "GET /console/fairness" "$url/console/fairness"
  time_page "GET /console/fairness?days=90" "$url/console/fairness?days=90"
} | tee "$out/pages.txt"
