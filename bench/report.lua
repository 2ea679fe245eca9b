-- wrk `done` hook shared by every run of bench/run.sh: one machine-readable line with the
-- successful requests per second (wrk counts 4xx/5xx as "non-2xx or 3xx"; socket errors
-- apart) and the latency percentiles in milliseconds.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local failed = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "BENCH requests=%d failed=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, failed, seconds, (summary.requests - e.status) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
