-- wrk script: each thread stops after COUNT_PER_THREAD responses, so a run sends a fixed number
-- of requests (wrk itself only knows durations).
local limit = tonumber(os.getenv("COUNT_PER_THREAD") or "5000")
local seen = 0
response = function()
  seen = seen + 1
  if seen >= limit then
    wrk.thread:stop()
  end
end
