using System.Net;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Storage.Postgres;
using Npgsql;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Suspicion (issue 9, item 12): migrations and their advisory lock ran under the 5 s command
/// timeout, so an instance starting while another migrates for longer would crash. Each test
/// gives its instance a 1 s timeout and makes migrating take longer than that.
/// </summary>
public sealed class PostgresMigrationLockTests(PostgresApp app)
{
    private static readonly TimeSpan LongerThanTheTimeout = TimeSpan.FromSeconds(3);

    [StoreFact(Only = "postgres")]
    public async Task AnInstanceStartingWhileAnotherHoldsTheMigrationLock_WaitsForIt_AndStarts()
    {
        await using var store = await IsolatedStore.CreateAsync(app);
        await using var other = await store.OpenPostgresAsync();
        await Execute(other, $"SELECT pg_advisory_lock({PostgresMigrator.LockKey})"); // another instance, migrating

        var started = StartAsync(store);
        await Task.Delay(LongerThanTheTimeout);
        Assert.False(started.IsCompleted, "the instance did not wait for the migration lock");
        await Execute(other, $"SELECT pg_advisory_unlock({PostgresMigrator.LockKey})");

        await using var instance = await started;
        Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [StoreFact(Only = "postgres")]
    public async Task AMigrationStatementLongerThanTheCommandTimeout_Completes()
    {
        await using var store = await IsolatedStore.CreateAsync(app);
        // The first migration creates the pg_trgm extension: while another transaction is creating
        // it, that statement waits, as a long CREATE INDEX over many users would.
        await using var other = await store.OpenPostgresAsync();
        await using var blocking = await other.BeginTransactionAsync();
        await Execute(other, "CREATE EXTENSION IF NOT EXISTS pg_trgm");

        var started = StartAsync(store);
        await Task.Delay(LongerThanTheTimeout);
        Assert.False(started.IsCompleted, "the migration did not wait");
        await blocking.RollbackAsync();

        await using var instance = await started;
        Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    private Task<Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>> StartAsync(IsolatedStore store) => Task.Run(() =>
    {
        var instance = app.CreateWithCommonSettings(store.With(new Dictionary<string, string?> { ["Storage:CommandTimeoutSeconds"] = "1" }));
        _ = instance.Server; // migrates and bootstraps
        return instance;
    });

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
