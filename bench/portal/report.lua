-- wrk script: prints one machine-readable line after the run:
-- BENCH <requests/s> <p99 ms> <non-2xx responses> <socket errors> <requests>
done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format("BENCH %.0f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000,
    e.status, e.connect + e.read + e.write + e.timeout, summary.requests))
end
