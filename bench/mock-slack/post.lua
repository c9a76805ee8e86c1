-- wrk script for bench/mock-slack.sh: POSTs a real Alertmanager 0.25 Slack payload (custom
-- template, two alerts; bench/mock-slack/payload.json) to the Slack webhook path.
-- Every answer that is not exactly 200 "ok" is counted. With MAX_PER_THREAD set, each thread stops
-- after that many responses, so a run sends a fixed number of posts.
-- Prints: BENCH <posts/s> <p50 ms> <p99 ms> <not ok> <socket errors> <responses>
local payload_path = os.getenv("PAYLOAD") or "bench/mock-slack/payload.json"
local file = assert(io.open(payload_path, "rb"))
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = file:read("*a")
file:close()

local limit = tonumber(os.getenv("MAX_PER_THREAD") or "0")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per-thread globals, read back in done() through thread:get
not_ok = 0
seen = 0

function response(status, _, body)
  seen = seen + 1
  if status ~= 200 or body ~= "ok" then
    not_ok = not_ok + 1
  end
  if limit > 0 and seen >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, _)
  local bad, responses = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
    responses = responses + thread:get("seen")
  end
  local errors = summary.errors
  io.write(string.format("BENCH %.0f %.2f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    bad, errors.connect + errors.read + errors.write + errors.timeout, responses))
end
