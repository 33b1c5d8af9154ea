-- The load generator's script for wrk (bench/server.mjs runs `wrk -s bench/load.lua <url> -- <mode> <runId>`).
-- mode "get": the URL as is. mode "post": distinct comments, each with its own Idempotency-Key,
-- counting the 201s (each must be a comment on disk). Prints one JSON line when done.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

-- wrk looks for request() and response() after init(): a plain read defines neither, so wrk sends
-- one prepared request and hands no body to Lua (the cheapest load).
function init(args)
  runId = args[2] or "run"
  n = 0
  created = 0
  if args[1] == "post" then
    request = post
    response = count
  end
end

function post()
  n = n + 1
  local id = runId .. "-" .. tid .. "-" .. n
  -- `_t`: the form was shown 10 s before submitting, as a reader's browser reports it.
  local body = string.format(
    '{"content":"Benchmark comment %s: durable on disk before the 201.","name":"Reader %d","email":"reader%d@example.com","url":"","_t":10000}',
    id, n % 997, n % 997)
  return wrk.format("POST", nil, { ["content-type"] = "application/json", ["idempotency-key"] = "bench-" .. id }, body)
end

function count(status, headers, body)
  if status == 201 then
    created = created + 1
  end
end

function done(summary, latency, requests)
  local c = 0
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50":%.3f,"p99":%.3f,"non2xx":%d,"errors":%d,"timeouts":%d,"created":%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write, e.timeout, c))
end
