-- Shared by every scenario: writes wrk's figures as one JSON object to $BENCH_RESULT.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local f = assert(io.open(os.getenv("BENCH_RESULT"), "w"))
  f:write(string.format(
    '{"requests": %d, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "errors": %d}\n',
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
  f:close()
end
