-- Prints one machine-readable line: BENCH <requests/s> <p99 ms> <non-2xx> <socket errors> <requests>.
done = function(summary, latency, _)
  local errors = summary.errors
  local socket = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format("BENCH %.0f %.2f %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000,
    errors.status, socket, summary.requests))
end
