using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FleetUsers.Application.Auth;
using Geralt;

namespace FleetUsers.Bench;

/// <summary>
/// The login's floor: how many Argon2id hashes at the service's default cost (OWASP's minimum,
/// <see cref="Argon2Options"/>) this machine makes per second, one thread per core, libsodium
/// alone. A successful login makes exactly one such hash (its verification), so no login rate can
/// pass this one; the login scenario is read against it.
/// </summary>
public static class HashFloor
{
    public static void Run(TimeSpan duration, TimeSpan warmup, string outDir)
    {
        var threads = Environment.ProcessorCount;
        Measure(warmup, threads);
        var perSecond = Measure(duration, threads);
        File.WriteAllText(Path.Combine(outDir, "hash_floor.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["password_hashes_per_s"] = Math.Round(perSecond, 1),
            ["hash_threads"] = threads,
            ["argon2_memory_kib"] = Argon2Options.DefaultMemoryKib,
            ["argon2_iterations"] = Argon2Options.DefaultIterations,
        }));
    }

    private static double Measure(TimeSpan duration, int threads)
    {
        var password = Encoding.UTF8.GetBytes("Bench-User-Pass-1");
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = new int[threads];
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var hash = new char[Argon2id.HashSize];
            while (Stopwatch.GetTimestamp() < until)
            {
                Argon2id.ComputeHash(hash, password, Argon2Options.DefaultIterations, Argon2Options.DefaultMemoryKib * 1024);
                counts[t]++;
            }
        });
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
