-- wrk script: POST /api/route with a distinct lead per request (id, country, employees cycle like bench/batch.sh's CSV),
-- CRM API key from $BENCH_API_KEY: the one-by-one baseline of the batch benchmark.
local countries = {"DE", "FR", "GB", "US", "NL", "ES", "IT", "AT"}
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")
request = function()
  counter = counter + 1
  local id = "each-" .. math.random(1, 1000000000) .. "-" .. counter
  local body = string.format('{"id":"%s","country":"%s","employees":%d,"source":"bench"}', id,
      countries[(counter % #countries) + 1], (counter * 37) % 2000 + 1)
  return wrk.format(nil, "/api/route", nil, body)
end
