using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// Who reads the console's log lines: a log collector (JSON, one object per line) unless the
/// environment is Development, which `dotnet run`'s launch profile sets, where a person reads
/// plain lines (appsettings.Development.json).
/// </summary>
public sealed partial class LogFormatTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("Production")]
    public async Task Logs_WithoutAnEnvironment_OrInProduction_AreJsonLines(string? environment)
    {
        var output = await StartAndStopAsync(environment);

        var listening = Assert.Single(Lines(output), l => l.Contains("Now listening on", StringComparison.Ordinal));
        var line = JsonNode.Parse(listening)!.AsObject();
        Assert.Equal("Microsoft.Hosting.Lifetime", line["Category"]!.GetValue<string>());
        Assert.Equal("Information", line["LogLevel"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logs_InDevelopment_ArePlainLinesForAPerson()
    {
        var output = await StartAndStopAsync("Development");

        var lines = Lines(output);
        Assert.Contains(lines, l => PlainListeningLine().IsMatch(l));
        Assert.Contains(lines, l => PlainRequestLine().IsMatch(l));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    /// <summary>Runs a server in the environment (unset when null), asks it one thing, and returns what it printed.</summary>
    private static async Task<string> StartAndStopAsync(string? environment)
    {
        using var directory = new TemporaryDirectory();
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
        {
            ["Auth:SigningKey"] = Tokens.OtherKey(),
            ["Bootstrap:AdminUsername"] = "logformat-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = "Log-Format-Pass-1",
            ["Bootstrap:DemoData"] = "false",
        };
        if (environment is not null)
        {
            settings["ASPNETCORE_ENVIRONMENT"] = environment;
        }
        await using var server = ServerProcess.Start(settings);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var client = server.CreateClient();
        await client.GetAsync("/health/live");
        await Task.Delay(500); // the console logger writes from a queue of its own
        return server.Output;
    }

    private static List<string> Lines(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    [GeneratedRegex(@"^\d\d:\d\d:\d\d info: Microsoft\.Hosting\.Lifetime\[14\] Now listening on: http://127\.0\.0\.1:\d+$")]
    private static partial Regex PlainListeningLine();

    [GeneratedRegex(@"^\d\d:\d\d:\d\d info: FleetUsers\.Requests\[\d+\] GET /health/live answered 200 in [\d.]+ ms$")]
    private static partial Regex PlainRequestLine();
}
