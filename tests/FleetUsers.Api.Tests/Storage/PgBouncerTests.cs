using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using Npgsql;
using static FleetUsers.Api.Tests.Events.EventFeedReader;

namespace FleetUsers.Api.Tests.Storage;

/// <summary>
/// Production PostgreSQL often sits behind PgBouncer in transaction pooling (issue 15): each transaction,
/// or each statement outside one, may run on another server session. Two and more instances through
/// PgBouncer on one database: starting together, and serving one directory with its locks, If-Match,
/// searches and change feed. The connection string turns Npgsql's automatic preparation off, as the
/// README says for PgBouncer before 1.21 (Debian 12 has 1.18).
/// </summary>
public sealed class PgBouncerTests(PgBouncerApp app) : IClassFixture<PgBouncerApp>
{
    [Fact]
    public async Task InstancesStartingTogether_TakeTurnsMigrating_AndLeaveNoLockBehind()
    {
        _ = app.Factory; // skips without PgBouncer (fails under CI)
        await using var store = await app.NewIsolatedStoreAsync();
        var starting = Enumerable.Range(0, 3).Select(i => Task.Run(() =>
        {
            var instance = app.CreateWithCommonSettings(store.Settings);
            _ = instance.Server; // migrates and bootstraps
            return instance;
        })).ToList();
        var all = Task.WhenAll(starting);
        // A lock left held by a server session PgBouncer keeps would make a start wait for good: fail instead.
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(2))));
        var instances = await all;
        try
        {
            foreach (var instance in instances)
            {
                Assert.Equal(HttpStatusCode.OK, (await instance.CreateClient().GetAsync("/health/ready")).StatusCode);
            }
            // The migration lock is a transaction's: none is left held by a server session PgBouncer keeps
            // (a session's lock, unlocked through another session, would be, and the next start would wait for good).
            Assert.Equal(0L, await ServerScalarAsync(store, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"));
            await using var late = app.CreateWithCommonSettings(store.Settings);
            var started = Task.Run(() => late.Server);
            Assert.Same(started, await Task.WhenAny(started, Task.Delay(TimeSpan.FromMinutes(1))));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task TwoInstances_ServeOneDirectory_ThroughPgBouncer()
    {
        var company = await app.NewCompanyAsync();
        await using var other = app.Sibling();
        var adminA = company.Admin;
        var adminB = await company.AdminOnAsync(other);
        var users = new List<TestUser>();
        for (var i = 0; i < 8; i++)
        {
            users.Add(await company.CreateUserAsync(company.RootId));
        }

        // B reads what A wrote, and changes it under If-Match; A's copy is then stale.
        var read = await adminB.GetAsync($"/v1/users/{users[0].Id}");
        await HttpAssert.ExpectAsync(read, HttpStatusCode.OK);
        var etag = read.Headers.ETag!.ToString();
        var renamed = UserBodies.Update(company.RootId);
        renamed["firstName"] = "Bounced";
        await HttpAssert.ExpectAsync(await adminB.PutJsonAsync($"/v1/users/{users[0].Id}", renamed, etag), HttpStatusCode.OK);
        await HttpAssert.ExpectErrorAsync(await adminA.PutJsonAsync($"/v1/users/{users[0].Id}", UserBodies.Update(company.RootId), etag),
            HttpStatusCode.PreconditionFailed);
        Assert.Equal("Bounced", (await adminA.GetObjectAsync($"/v1/users/{users[0].Id}"))["firstName"]!.GetValue<string>());

        // Many requests at once on both, more than PgBouncer's server connections per database (20): every
        // statement finds its transaction's session, prepared or not.
        var work = Enumerable.Range(0, 64).Select(async i =>
        {
            var client = i % 2 == 0 ? adminA : adminB;
            var user = users[i % users.Count];
            var response = i % 4 < 2
                ? await client.GetAsync($"/v1/users/{user.Id}")
                : await client.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));
            return response.StatusCode;
        });
        Assert.All(await Task.WhenAll(work), status => Assert.Equal(HttpStatusCode.OK, status));

        // Search and the change feed read through it too.
        var found = await adminB.GetObjectAsync("/v1/users?searchText=Bounced");
        Assert.Equal(users[0].Id.ToString(), Assert.Single(found["data"]!.AsArray())!["userId"]!.GetValue<string>());
        var events = await AboutAsync(adminA, users[0].Id, expected: 2);
        Assert.Equal(["user.created", "user.updated"], events.Take(2).Select(Type));
    }

    private static async Task<long> ServerScalarAsync(IsolatedStore store, string sql)
    {
        var database = new NpgsqlConnectionStringBuilder(store.Settings["ConnectionStrings:Users"]).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresApp.ServerConnectionString) { Database = database }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
