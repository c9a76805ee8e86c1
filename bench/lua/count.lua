-- Stops each wrk thread after COUNT_PER_THREAD responses, so a run sends a fixed number of requests.
local limit = tonumber(os.getenv("COUNT_PER_THREAD") or "5000")
local seen = 0
response = function()
  seen = seen + 1
  if seen >= limit then
    wrk.thread:stop()
  end
end
