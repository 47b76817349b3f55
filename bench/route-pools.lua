-- wrk script for bench/two-instances.sh: POST /api/route (logged) with a distinct lead per request, CRM API key from
-- $BENCH_API_KEY. $BENCH_POOLS=spread: the lead's country cycles over 8 countries, one round-robin pool of 4 reps each
-- (bench/two-instances.sh writes the rules); $BENCH_POOLS=hot: every lead goes to one pool.
local countries = {"DE", "FR", "GB", "US", "NL", "ES", "IT", "AT"}
local source = os.getenv("BENCH_POOLS") == "hot" and "hot" or "spread"
local prefix = os.getenv("BENCH_PREFIX") or "two"
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
request = function()
  counter = counter + 1
  local id = prefix .. "-" .. math.random(1, 1000000000) .. "-" .. counter
  local body = string.format('{"id":"%s","email":"buyer%d@c%s.example","country":"%s","employees":%d,"source":"%s"}',
      id, counter, id, countries[(counter % #countries) + 1], (counter * 37) % 2000 + 1, source)
  return wrk.format(nil, "/api/route", nil, body)
end
