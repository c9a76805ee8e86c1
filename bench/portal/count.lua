-- wrk script: stop after COUNT responses, so a run sends a fixed number of requests. wrk only
-- knows durations, and a thread that stops itself still leaves wrk waiting out -d, so this exits
-- the process: run it with ONE thread (-t1), whose Lua state sees every response.
local limit = tonumber(os.getenv("COUNT") or "10000")
local seen = 0
response = function()
  seen = seen + 1
  if seen >= limit then
    os.exit(0)
  end
end
