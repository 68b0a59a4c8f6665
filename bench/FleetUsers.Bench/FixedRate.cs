using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FleetUsers.Bench;

/// <summary>
/// An open-loop load: requests sent at a fixed offered rate whatever the answers do, over at most
/// as many connections as the closed-loop scenarios use. wrk keeps its connections busy, so its
/// latencies at saturation are mostly time spent queueing; at half the maximum rate they show what
/// one request costs. Each latency is counted from the moment the request was due, not from when it
/// left (a late request is not forgiven its wait: no coordinated omission).
/// </summary>
public static class FixedRate
{
    /// <param name="pathFormat">the path, with {0} for the user number (1..<paramref name="users"/>), e.g. /v1/users?searchText=e{0:D7}</param>
    public static async Task RunAsync(Uri server, string pathFormat, int users, double rate, int connections, TimeSpan duration, TimeSpan warmup,
        string name, string resultFile)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? throw new InvalidOperationException("BENCH_TOKEN is not set."));

        var total = (int)(rate * (warmup + duration).TotalSeconds);
        var measuredFrom = (int)(rate * warmup.TotalSeconds);
        var sent = new List<Task<(double LatencyMs, bool Ok)>>(total);
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < total; i++)
        {
            var dueTicks = start + (long)(i / rate * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueTicks);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            // The same stride as bench/wrk/users.lua: every user visited, in a scattered order.
            var user = (int)((i * 7919L) % users) + 1;
            sent.Add(SendAsync(client, string.Format(CultureInfo.InvariantCulture, pathFormat, user), dueTicks));
        }
        var results = await Task.WhenAll(sent);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        var measured = results[measuredFrom..];
        var latencies = measured.Where(r => r.Ok).Select(r => r.LatencyMs).Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? 0 : Math.Round(latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))], 2);
        var result = new Dictionary<string, object>
        {
            ["name"] = name,
            ["rps"] = Math.Round(measured.Length / duration.TotalSeconds, 1),
            ["offered_rps"] = Math.Round(rate, 1),
            ["p50_ms"] = Percentile(0.50),
            ["p95_ms"] = Percentile(0.95),
            ["p99_ms"] = Percentile(0.99),
            ["max_ms"] = latencies.Length == 0 ? 0 : Math.Round(latencies[^1], 2),
            ["errors"] = measured.Count(r => !r.Ok),
            ["connections"] = connections,
            ["open_loop"] = true,
            ["all_answered_s"] = Math.Round(elapsed, 1),
        };
        await File.WriteAllTextAsync(resultFile, JsonSerializer.Serialize(result));
    }

    private static async Task<(double LatencyMs, bool Ok)> SendAsync(HttpClient client, string path, long dueTicks)
    {
        try
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            return (Stopwatch.GetElapsedTime(dueTicks).TotalMilliseconds, response.IsSuccessStatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (Stopwatch.GetElapsedTime(dueTicks).TotalMilliseconds, false);
        }
    }
}
