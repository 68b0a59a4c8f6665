using System.Diagnostics;
using System.Text.Json;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Bench;

/// <summary>
/// The database's own limit for the work of one PUT: the same statements and transactions
/// the service issues (through the same store classes and driver), with no HTTP, no JSON
/// and no token, run by as many concurrent workers as the load tool has connections.
/// </summary>
public static class Baseline
{
    private static readonly UserWrites Writes = new(new ChangeRecorder());

    public static async Task RunAsync(SqlDatabase database, TimeSpan duration, int concurrency, string outDir)
    {
        var company = BenchCompany.Read(outDir) ?? throw new InvalidOperationException("Seed first.");
        var ids = File.ReadLines(Path.Combine(outDir, "ids.txt")).Select(Guid.Parse).ToArray();
        var next = -1;

        async Task<(int Done, int Errors, List<double> Latencies)> WorkerAsync(DateTime until)
        {
            var latencies = new List<double>();
            var errors = 0;
            while (DateTime.UtcNow < until)
            {
                var index = (int)((uint)Interlocked.Increment(ref next) % (uint)ids.Length);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await OnePutAsync(database, company, ids[index], index + 1);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    errors++;
                }
            }
            return (latencies.Count, errors, latencies);
        }

        // Warm-up, then the measured run. Task.Run: Microsoft.Data.Sqlite completes synchronously,
        // so without it the workers would run one after another instead of side by side.
        Task<(int Done, int Errors, List<double> Latencies)[]> Run(DateTime until) =>
            Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkerAsync(until))));
        await Run(DateTime.UtcNow.AddSeconds(5));
        var clock = Stopwatch.StartNew();
        var results = await Run(DateTime.UtcNow + duration);
        var seconds = clock.Elapsed.TotalSeconds;

        var all = results.SelectMany(r => r.Latencies).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p / 100 * all.Length) - 1)];
        var report = new
        {
            tx_per_s = Math.Round(all.Length / seconds, 1),
            p50_ms = Math.Round(Percentile(50), 2),
            p95_ms = Math.Round(Percentile(95), 2),
            p99_ms = Math.Round(Percentile(99), 2),
            errors = results.Sum(r => r.Errors),
        };
        var json = JsonSerializer.Serialize(report);
        await File.WriteAllTextAsync(Path.Combine(outDir, "baseline.json"), json);
        Console.WriteLine(json);
    }

    /// <summary>
    /// What PUT /v1/users/{id} asks of the database, in the order UpdateUser and CallerDirectory issue
    /// it: the caller's lookup (its own read), then one write transaction that loads the user and the
    /// tree and goes through the service's own UniqueNames and UserWrites (the change recorded, the row
    /// written). Keep the reads in step with UpdateUser.
    /// </summary>
    private static async Task OnePutAsync(SqlDatabase database, BenchCompany company, Guid userId, int seeded)
    {
        var ct = CancellationToken.None;
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            _ = await read.Users.FindAsync(company.CompanyId, company.AdminId, forUpdate: false, ct)
                ?? throw new InvalidOperationException("No caller.");
        }

        await using var session = await database.BeginAsync(write: true, ct);
        var user = await session.Users.FindAsync(company.CompanyId, userId, forUpdate: true, ct)
            ?? throw new InvalidOperationException("No user.");
        _ = await session.Groups.LoadTreeAsync(company.CompanyId, ct);
        var before = user.Profile;
        var expected = user.Version;
        var profile = new UserProfile
        {
            FirstName = "John",
            LastName = "Smith",
            Username = BenchCompany.Username(seeded),
            EmployeeId = BenchCompany.EmployeeId(seeded),
            Email = "email@email.com",
            CellPhoneCountry = "US",
            CellPhoneNumber = "+1234567890",
            Status = "Active",
            LoginEnabled = true,
            AllowVideoSearchDownload = false,
            GroupRoles = [new GroupRole(company.GroupId, RoleCatalog.Driver)],
            PrimaryGroupId = company.GroupId,
        };
        // The service's own steps: the uniqueness look-ups (skipped for values the user holds), then record, write, commit.
        await UniqueNames.RequireFreeAsync(session, user, profile, ct);
        user.Profile = profile;
        user.UpdatedDate = DateTimeOffset.UtcNow;
        user.Version++;
        await Writes.SaveAsync(session, AuditActor.User(company.AdminId, company.AdminUsername), AuditAction.Update, before, user, expected,
            passwordChanged: false, ct);
    }
}
