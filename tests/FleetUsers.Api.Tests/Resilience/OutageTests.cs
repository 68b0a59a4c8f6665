using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Api.Tests.Resilience;

/// <summary>
/// A database out of reach: requests answer 503 with Retry-After within the command
/// timeout, nothing is half-written, readiness says so, and the same process serves
/// again once the database is back.
/// </summary>
public sealed class OutageTests(FleetUsersApp app)
{
    /// <summary>The cluster the outage test may stop, and its connection string (.ci/run makes it).</summary>
    public const string OutageVariable = "FLEETUSERS_TEST_POSTGRES_OUTAGE";
    public const string OutageClusterVariable = "FLEETUSERS_TEST_POSTGRES_OUTAGE_CLUSTER";

    private const string AdminPassword = "Outage-Pass-1";

    [StoreFact(Only = "sqlite")]
    public async Task Sqlite_WhileAnotherProcessHoldsTheWriteLock_WritesAnswer503AndServeAgainAfter()
    {
        var directory = Path.Combine(Path.GetTempPath(), "fleetusers-outage-" + Unique.Suffix());
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory))
        {
            ["Storage:CommandTimeoutSeconds"] = "1",
            ["Bootstrap:AdminUsername"] = "outage-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = AdminPassword,
        };
        await using var factory = app.CreateWithCommonSettings(settings);
        var (client, userId, root) = await SetUpAsync(factory, settings);
        var before = await ReadAsync(client, userId);

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(directory, "fleetusers.db")}"))
        {
            await holder.OpenAsync();
            await using var command = holder.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();

            await ExpectUnavailableAsync(await client.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)));
            await ExpectUnavailableAsync(await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root))));

            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync();
        }

        Assert.Equal(before, await ReadAsync(client, userId));
        await HttpAssert.ExpectAsync(await client.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)), HttpStatusCode.OK);
    }

    [StoreFact(Only = "postgres")]
    public async Task Postgres_StoppedMidRun_Answers503ThenServesAgainWithoutARestart()
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI)
        var server = Environment.GetEnvironmentVariable(OutageVariable);
        var cluster = Environment.GetEnvironmentVariable(OutageClusterVariable);
        if (string.IsNullOrEmpty(server) || string.IsNullOrEmpty(cluster))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"CI=true but {OutageVariable} and {OutageClusterVariable} are not set.");
            }
            Assert.Skip($"Needs a PostgreSQL cluster it may stop: {OutageVariable} and {OutageClusterVariable} (see .ci/run).");
        }
        var database = "fleetusers_outage_" + Unique.Suffix();
        var settings = new Dictionary<string, string?>(await PostgresApp.CreateDatabaseAsync(database, server))
        {
            ["Storage:CommandTimeoutSeconds"] = "2",
            ["Bootstrap:AdminUsername"] = "outage-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = AdminPassword,
        };
        try
        {
            await using var factory = app.CreateWithCommonSettings(settings);
            var (client, userId, root) = await SetUpAsync(factory, settings);
            var before = await ReadAsync(client, userId);

            await ClusterAsync(cluster, "stop");
            try
            {
                await ExpectUnavailableAsync(await client.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)));
                await ExpectUnavailableAsync(await client.GetAsync($"/v1/users/{userId}"));
                await ExpectUnavailableAsync(await factory.CreateClient().PostAsync("/api/auth/user",
                    Json.Content(new JsonObject { ["username"] = settings["Bootstrap:AdminUsername"], ["password"] = AdminPassword })));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
            }
            finally
            {
                await ClusterAsync(cluster, "start");
            }

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
            Assert.Equal(before, await ReadAsync(client, userId));
            await HttpAssert.ExpectAsync(await client.PutJsonAsync($"/v1/users/{userId}", UserBodies.Update(root)), HttpStatusCode.OK);
        }
        finally
        {
            await PostgresApp.DropDatabaseAsync(database, server);
        }
    }

    private static async Task<(HttpClient Client, string UserId, Guid Root)> SetUpAsync(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, IReadOnlyDictionary<string, string?> settings)
    {
        var anonymous = factory.CreateClient();
        anonymous.Timeout = TimeSpan.FromSeconds(30); // an outage must answer, not hang
        var login = await anonymous.PostAsync("/api/auth/user",
            Json.Content(new JsonObject { ["username"] = settings["Bootstrap:AdminUsername"], ["password"] = AdminPassword }));
        await HttpAssert.ExpectAsync(login, HttpStatusCode.OK);
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await HttpAssert.ReadObjectAsync(login))["accessToken"]!.GetValue<string>());
        var groups = await HttpAssert.ReadObjectAsync(await client.GetAsync("/v1/groups"));
        var root = groups["groups"]!.AsArray().Single()!["id"]!.GetValue<Guid>();
        var created = await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root)));
        await HttpAssert.ExpectAsync(created, HttpStatusCode.Created);
        return (client, (await HttpAssert.ReadObjectAsync(created))["userId"]!.GetValue<string>(), root);
    }

    private static async Task<string> ReadAsync(HttpClient client, string userId)
    {
        var response = await client.GetAsync($"/v1/users/{userId}");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task ExpectUnavailableAsync(HttpResponseMessage response)
    {
        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Contains(messages, m => m.Contains("database", StringComparison.Ordinal));
        Assert.NotNull(response.Headers.RetryAfter);
    }

    /// <summary>pg_ctlcluster {version} {name} stop|start, where the variable holds "15 outage".</summary>
    private static async Task ClusterAsync(string cluster, string action)
    {
        var parts = cluster.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = new ProcessStartInfo("pg_ctlcluster") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(parts[0]);
        start.ArgumentList.Add(parts[1]);
        start.ArgumentList.Add(action);
        if (action == "stop")
        {
            start.ArgumentList.Add("-m");
            start.ArgumentList.Add("fast");
        }
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_ctlcluster {cluster} {action}: {await process.StandardError.ReadToEndAsync()}");
    }
}
