-- wrk script of the load run: cycles through "<session key> <path>" lines (candidates and staff mixed),
-- each request with its user's session cookie; prints throughput, latency percentiles and errors at the end.
-- Usage: LOAD_RESULT=result.txt wrk -c50 -d60s -s scripts/load.lua http://127.0.0.1:PORT -- TARGETS_FILE

local targets = {}
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7919)
end

function init(args)
  for line in io.lines(args[1]) do
    local key, path = line:match("^(%S+)%s+(%S+)$")
    if key then table.insert(targets, {key = key, path = path}) end
  end
  -- Threads start at different offsets so that they do not all ask for the same page at once.
  counter = (offset or 0) % #targets
end

function request()
  counter = counter % #targets + 1
  local target = targets[counter]
  return wrk.format("GET", target.path, {
    ["Cookie"] = "sessionid=" .. target.key,
    ["X-Forwarded-Proto"] = "https",
  })
end

-- done() runs in a fresh interpreter: init() did not run there, so the result file comes from the environment.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local lines = {
    string.format("requests %d", summary.requests),
    string.format("seconds %.1f", seconds),
    string.format("requests_per_second %.1f", summary.requests / seconds),
    string.format("p50_ms %.1f", latency:percentile(50) / 1000),
    string.format("p90_ms %.1f", latency:percentile(90) / 1000),
    string.format("p99_ms %.1f", latency:percentile(99) / 1000),
    string.format("max_ms %.1f", latency.max / 1000),
    string.format("non_2xx_3xx %d", e.status),
    string.format("socket_errors %d", e.connect + e.read + e.write + e.timeout),
  }
  local out = io.open(os.getenv("LOAD_RESULT") or "load-result.txt", "w")
  for _, line in ipairs(lines) do
    print(line)
    out:write(line, "\n")
  end
  out:close()
end
