-- wrk script: POST a different lead with every request, cycling through the JSON lines of $BENCH_CORPUS (written by
-- HttpBench corpus); each wrk thread starts at its own offset. CRM API key from $BENCH_API_KEY. The path is the URL's.
local bodies = {}
for line in io.lines(os.getenv("BENCH_CORPUS")) do bodies[#bodies + 1] = line end
local threads = 0
local counter = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("BENCH_API_KEY")

function setup(thread)
  thread:set("offset", threads * 7919)
  threads = threads + 1
end

function init(args)
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, bodies[(counter % #bodies) + 1])
end
