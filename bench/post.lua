-- wrk script: POST the lead body from $BENCH_BODY_FILE with the CRM API key from $BENCH_API_KEY.
local f = assert(io.open(os.getenv("BENCH_BODY_FILE"), "r"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")

-- No response() callback: it would slow wrk down; wrk counts "Non-2xx or 3xx responses" itself and run.sh
-- fails a run that has any.
