using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// GET /metrics: OpenTelemetry metrics in Prometheus text format, on by default.
/// The counting tests run the service in a process of its own, as in production: in the test
/// process many hosts come and go, and OpenTelemetry stops a metric stream of every host when
/// any host's meter of the same name is disposed (open-telemetry/opentelemetry-dotnet#6412).
/// Nothing here depends on the store, so it runs once, on SQLite.
/// </summary>
public sealed partial class MetricsTests(SqliteApp app)
{
    private const string Admin = "metrics-admin";
    private const string AdminPassword = "Metrics-Pass-1";

    [StoreFact(Only = "sqlite")]
    public async Task Metrics_CountAndTimeRequestsByRouteMethodAndStatus()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartServerAsync(directory.Path);
        using var client = await server.LoginAsync(Admin, AdminPassword);
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        await HttpAssert.ExpectAsync(await client.GetAsync($"/v1/groups/{root}"), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await client.GetAsync($"/v1/groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        using var scraper = server.CreateClient();
        var response = await scraper.GetAsync("/metrics");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var status in new[] { "200", "404" })
        {
            var count = Sample(text, "http_server_request_duration_seconds_count",
                ("http_route", "/v1/groups/{groupId}"), ("http_request_method", "GET"), ("http_response_status_code", status));
            Assert.True(count == 1, $"expected one GET /v1/groups/{{groupId}} {status}:\n{text}");
        }
        Assert.True(Sample(text, "http_server_request_duration_seconds_bucket", ("http_route", "/v1/groups/{groupId}"), ("le", "+Inf")) == 2);
    }

    [StoreFact(Only = "sqlite")]
    public async Task Metrics_CountDatabaseErrors_WhenTheDatabaseIsOutOfReach()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartServerAsync(directory.Path, ("Storage:CommandTimeoutSeconds", "1"));
        using var client = await server.LoginAsync(Admin, AdminPassword);
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        var before = await ScrapeAsync(server);
        Assert.Equal(0, Sample(before, "fleetusers_database_errors_total", ("error_type", "unavailable")));

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(directory.Path, "fleetusers.db")}"))
        {
            await holder.OpenAsync();
            await using var command = holder.CreateCommand();
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();

            var refused = await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root)));
            await HttpAssert.ExpectErrorAsync(refused, HttpStatusCode.ServiceUnavailable);

            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync();
        }

        var text = await ScrapeAsync(server);
        Assert.Equal(1, Sample(text, "fleetusers_database_errors_total", ("error_type", "unavailable")));
        // The refused write held the SQLite writer's turn while its BEGIN IMMEDIATE waited out the busy timeout (1 s).
        const string turns = "fleetusers_sqlite_turn_duration_seconds_sum";
        Assert.True(Sample(text, turns) - Sample(before, turns) >= 0.9, text);
    }

    [StoreFact(Only = "sqlite")]
    public async Task Metrics_CountPasswordHashesChecked_ByStoredAndDecoy()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartServerAsync(directory.Path);
        using var client = await server.LoginAsync(Admin, AdminPassword);
        using var stranger = server.CreateClient();
        var refused = await stranger.PostAsync("/api/auth/user", Json.Content("""{"username": "nobody-here", "password": "Wrong-Pass-1"}"""));
        await HttpAssert.ExpectEmptyAsync(refused, HttpStatusCode.Unauthorized);

        var text = await ScrapeAsync(server);

        Assert.True(Sample(text, "fleetusers_password_verifications_total", ("hash", "stored")) == 1, text);
        Assert.True(Sample(text, "fleetusers_password_verifications_total", ("hash", "decoy")) == 1, text);
    }

    [StoreFact(Only = "sqlite")]
    public async Task Metrics_CountEventsWrittenAndDeliveriesByOutcome_AndShowTheDeliveryLag()
    {
        using var directory = new TemporaryDirectory();
        await using var receiver = await Webhooks.Receiver.StartAsync();
        await using var server = await StartServerAsync(directory.Path, ("Webhooks:AllowPrivateTargets", "true"),
            ("Webhooks:StartDelaySeconds", "0"), ("Webhooks:PollMilliseconds", "100"));
        using var client = await server.LoginAsync(Admin, AdminPassword);
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        await Webhooks.WebhookCalls.CreateAsync(client, receiver.Url, "user.created");
        var before = await ScrapeAsync(server);
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root))), HttpStatusCode.Created);
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root))), HttpStatusCode.Created);
        var refused = UserBodies.Create(root);
        refused["firstName"] = "";
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(refused)), HttpStatusCode.BadRequest);
        await receiver.WaitForAsync(r => r.Count == 2);

        // The worker counts an attempt once the answer has reached it: a moment after the receiver took the request.
        var text = await ScrapeUntilAsync(server, t => Sample(t, "fleetusers_webhooks_deliveries_total", ("outcome", "succeeded")) == 2);

        Assert.True(Sample(text, "fleetusers_events_written_total") - Sample(before, "fleetusers_events_written_total") == 2, text);
        Assert.True(Sample(text, "fleetusers_webhooks_deliveries_total", ("outcome", "succeeded")) == 2, text);
        Assert.Contains("fleetusers_webhooks_delivery_lag_seconds", text, StringComparison.Ordinal);
    }

    /// <summary>Where the process's memory goes: its working set and what the GC's heap holds, from .NET's own meter.</summary>
    [StoreFact(Only = "sqlite")]
    public async Task Metrics_ShowTheProcessMemoryAndTheGcHeap()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartServerAsync(directory.Path);

        var text = await ScrapeAsync(server);

        Assert.True(Sample(text, "dotnet_process_memory_working_set_bytes") > 10_000_000, text);
        Assert.True(Sample(text, "dotnet_gc_heap_total_allocated_bytes_total") > 0, text);
        Assert.Matches(@"(?m)^dotnet_gc_collections_total\{[^}]*gc_heap_generation=""gen0""", text);
    }

    /// <summary>
    /// On SQLite the writer's serial section shows: sessions per committed batch, how long each session held the turn
    /// (a refused one too) and each batch's COMMIT.
    /// </summary>
    [StoreFact(Only = "sqlite")]
    public async Task Metrics_TimeTheSqliteWritersTurnsAndCommits()
    {
        using var directory = new TemporaryDirectory();
        await using var server = await StartServerAsync(directory.Path);
        using var client = await server.LoginAsync(Admin, AdminPassword);
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        var before = await ScrapeAsync(server);

        var taken = UserBodies.Create(root);
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(taken)), HttpStatusCode.Created);
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root))), HttpStatusCode.Created);
        await HttpAssert.ExpectErrorAsync(await client.PostAsync("/v1/users", Json.Content(taken)), HttpStatusCode.Conflict);
        var text = await ScrapeAsync(server);

        double Grew(string metric) => Sample(text, metric) - Sample(before, metric);
        // At least: the service's background work (webhooks, retention) may write too.
        Assert.True(Grew("fleetusers_sqlite_turn_duration_seconds_count") >= 3, text);
        Assert.True(Grew("fleetusers_sqlite_turn_duration_seconds_sum") > 0, text);
        Assert.True(Grew("fleetusers_sqlite_batch_sessions_sum") >= 2, text);
        Assert.True(Grew("fleetusers_sqlite_commit_duration_seconds_count") >= 1, text);
        Assert.True(Grew("fleetusers_sqlite_commit_duration_seconds_sum") > 0, text);
    }

    /// <summary>The lag gauge (sampled every 5 s) is the oldest undelivered event's age: above 0 while the receiver refuses, 0 once caught up.</summary>
    [StoreFact(Only = "sqlite")]
    public async Task TheDeliveryLag_GrowsWhileTheReceiverRefuses_AndIsZeroOnceCaughtUp()
    {
        const string lag = "fleetusers_webhooks_delivery_lag_seconds";
        using var directory = new TemporaryDirectory();
        await using var receiver = await Webhooks.Receiver.StartAsync();
        receiver.Status = StatusCodes.Status503ServiceUnavailable;
        await using var server = await StartServerAsync(directory.Path, ("Webhooks:AllowPrivateTargets", "true"),
            ("Webhooks:StartDelaySeconds", "0"), ("Webhooks:PollMilliseconds", "100"), ("Webhooks:FirstRetrySeconds", "1"),
            ("Webhooks:MaxRetrySeconds", "2"));
        using var client = await server.LoginAsync(Admin, AdminPassword);
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        await Webhooks.WebhookCalls.CreateAsync(client, receiver.Url, "user.created");
        await HttpAssert.ExpectAsync(await client.PostAsync("/v1/users", Json.Content(UserBodies.Create(root))), HttpStatusCode.Created);

        var lagging = await ScrapeUntilAsync(server, text => Sample(text, lag) > 0);
        Assert.True(Sample(lagging, lag) > 0, lagging);
        Assert.True(Sample(lagging, "fleetusers_webhooks_deliveries_total", ("outcome", "succeeded")) == 0, lagging);

        receiver.Status = StatusCodes.Status204NoContent;
        await receiver.WaitForAsync(r => r.Count == 1);
        var caughtUp = await ScrapeUntilAsync(server, text => Sample(text, lag) == 0);
        Assert.True(Sample(caughtUp, lag) == 0, caughtUp);
    }

    /// <summary>The metrics once <paramref name="enough"/> holds, or after a minute.</summary>
    private static async Task<string> ScrapeUntilAsync(ServerProcess server, Func<string, bool> enough)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var text = await ScrapeAsync(server);
            if (enough(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(250);
        }
    }

    [StoreFact(Only = "sqlite")]
    public async Task Metrics_TurnedOff_AreNotServed()
    {
        using var directory = new TemporaryDirectory();
        await using var fresh = FreshApp.Start(app, directory.Path, new Dictionary<string, string?>
        {
            ["Metrics:Enabled"] = "false",
            ["Bootstrap:DemoData"] = "false",
        });

        await HttpAssert.ExpectErrorAsync(await fresh.CreateClient().GetAsync("/metrics"), HttpStatusCode.NotFound);
    }

    /// <summary>A server process on a fresh SQLite database in the directory, with one administrator and no demo data.</summary>
    private static async Task<ServerProcess> StartServerAsync(string directory, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory))
        {
            ["Auth:SigningKey"] = Tokens.OtherKey(),
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminUsername"] = Admin,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:DemoData"] = "false",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        var server = ServerProcess.Start(settings);
        try
        {
            await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    internal static async Task<string> ScrapeAsync(ServerProcess server)
    {
        using var client = server.CreateClient();
        var response = await client.GetAsync("/metrics");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of a metric whose labels include all those given (0 when there is none).</summary>
    internal static double Sample(string text, string metric, params (string Label, string Value)[] labels) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == metric
                && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    // Label values may hold braces (http_route="/v1/groups/{groupId}"): the labels run to the last "} ".
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
