using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Api.Tests.Hosting;

public sealed class MetricsTestsOnSqlite(SqliteApp app) : MetricsTests(app);

public sealed class MetricsTestsOnPostgres(PostgresApp app) : MetricsTests(app);

/// <summary>GET /metrics: OpenTelemetry metrics in Prometheus text format, on by default.</summary>
public abstract partial class MetricsTests(FleetUsersApp app)
{
    [Fact]
    public async Task Metrics_CountAndTimeRequestsByRouteMethodAndStatus()
    {
        var company = await app.NewCompanyAsync();
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/groups/{company.RootId}"), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/groups/{Guid.NewGuid()}"), HttpStatusCode.NotFound);

        var response = await app.CreateClient().GetAsync("/metrics");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var status in new[] { "200", "404" })
        {
            var count = Sample(text, "http_server_request_duration_seconds_count",
                ("http_route", "/v1/groups/{groupId}"), ("http_request_method", "GET"), ("http_response_status_code", status));
            Assert.True(count >= 1, $"no count for GET /v1/groups/{{groupId}} {status}:\n{text}");
        }
        Assert.True(Sample(text, "http_server_request_duration_seconds_bucket", ("http_route", "/v1/groups/{groupId}"), ("le", "+Inf")) >= 2);
    }

    [Fact]
    public async Task Metrics_CountDatabaseErrors_WhenTheDatabaseIsOutOfReach()
    {
        using var directory = new TemporaryDirectory();
        var admin = "metrics-" + Unique.Suffix();
        await using var fresh = FreshApp.Start(app, directory.Path, new Dictionary<string, string?>
        {
            ["Storage:CommandTimeoutSeconds"] = "1",
            ["Bootstrap:DemoData"] = "false",
            ["Bootstrap:AdminUsername"] = admin,
            ["Bootstrap:AdminPassword"] = "Metrics-Pass-1",
        });
        var client = await fresh.LoginAsync(admin, "Metrics-Pass-1");
        var root = GroupBodies.Id((await client.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        var before = Sample(await ScrapeAsync(fresh), "fleetusers_database_errors_total", ("error_type", "unavailable"));

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

        Assert.True(Sample(await ScrapeAsync(fresh), "fleetusers_database_errors_total", ("error_type", "unavailable")) >= before + 1);
    }

    [Fact]
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

    private static async Task<string> ScrapeAsync(FreshApp fresh)
    {
        var response = await fresh.CreateClient().GetAsync("/metrics");
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of a metric whose labels include all those given (0 when there is none).</summary>
    private static double Sample(string text, string metric, params (string Label, string Value)[] labels) =>
        SampleLine().Matches(text)
            .Where(m => m.Groups["name"].Value == metric
                && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    // Label values may hold braces (http_route="/v1/groups/{groupId}"): the labels run to the last "} ".
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
