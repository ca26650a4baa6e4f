-- wrk script for bench/run.py: per-request latency percentiles, HTTP errors and the
-- SQL query count the bench settings put in X-Query-Count, printed by done() as one
-- JSON line that starts with BENCH_JSON (wrk's own report goes to stdout too).

local threads = {}

-- setup() runs in the main Lua state; keeping the thread objects here is the only way
-- done() can reach the counters, which live in each thread's separate Lua state.
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  responses = 0
  http_errors = 0
  queries_sum = 0
  queries_max = 0
  queries_seen = 0
end

-- Header names arrive as the server spelled them; fall back to a case-insensitive scan
-- so a server that changes the case does not silently turn the counts into zeros.
local function query_count(headers)
  local value = headers["X-Query-Count"]
  if value == nil then
    for name, v in pairs(headers) do
      if string.lower(name) == "x-query-count" then
        value = v
        break
      end
    end
  end
  return tonumber(value)
end

function response(status, headers, body)
  responses = responses + 1
  -- Redirects are a normal answer (e.g. to a login page); anything else is not.
  if status < 200 or status > 399 then
    http_errors = http_errors + 1
  end
  local count = query_count(headers)
  if count ~= nil then
    queries_seen = queries_seen + 1
    queries_sum = queries_sum + count
    if count > queries_max then
      queries_max = count
    end
  end
end

function done(summary, latency, requests)
  local total = { responses = 0, http_errors = 0, queries_sum = 0, queries_max = 0, queries_seen = 0 }
  for _, thread in ipairs(threads) do
    total.responses = total.responses + thread:get("responses")
    total.http_errors = total.http_errors + thread:get("http_errors")
    total.queries_sum = total.queries_sum + thread:get("queries_sum")
    total.queries_seen = total.queries_seen + thread:get("queries_seen")
    total.queries_max = math.max(total.queries_max, thread:get("queries_max"))
  end
  local e = summary.errors
  -- With no completed request the mean is NaN, which JSON cannot carry.
  local mean = latency.mean
  if mean ~= mean then
    mean = 0
  end
  local fields = {
    string.format('"requests": %d', summary.requests),
    string.format('"duration_us": %d', summary.duration),
    string.format('"bytes": %d', summary.bytes),
    string.format('"responses": %d', total.responses),
    string.format('"http_errors": %d', total.http_errors),
    string.format('"socket_errors": %d', e.connect + e.read + e.write + e.timeout),
    string.format('"timeouts": %d', e.timeout),
    string.format('"latency_us": {"p50": %d, "p95": %d, "p99": %d, "mean": %.1f, "max": %d}',
      latency:percentile(50), latency:percentile(95), latency:percentile(99), mean, latency.max),
    string.format('"queries": {"sum": %d, "seen": %d, "max": %d}',
      total.queries_sum, total.queries_seen, total.queries_max),
  }
  io.write("BENCH_JSON {" .. table.concat(fields, ", ") .. "}\n")
end
