using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// What a real server process writes to its console while someone logs in and changes a
/// password: structured (JSON) lines, each of a request carrying its request and trace ids,
/// and never a password, a token or an Authorization header, even at the most verbose level.
/// </summary>
public sealed class LogTests
{
    private const string AdminPassword = "Admin-Logs-Pass-1";
    private const string FirstPassword = "First-Logs-Pass-2";
    private const string SecondPassword = "Second-Logs-Pass-3";
    private const string WrongPassword = "Wrong-Logs-Pass-4";

    [Fact]
    public async Task Logs_AtTheShippedLevel_AreJsonLines_AndEveryLineOfARequestCarriesItsRequestAndTraceIds()
    {
        var (output, _) = await LogInAndChangeAPasswordAsync(level: null);

        var lines = JsonLines(output);
        var requestLines = lines.Where(l => l["Category"]!.GetValue<string>() != "Microsoft.Hosting.Lifetime").ToList();
        Assert.Contains(requestLines, l => l["Category"]!.GetValue<string>() == "FleetUsers.Logins");
        Assert.Contains(requestLines, l => Message(l).StartsWith("PUT /v1/users/", StringComparison.Ordinal));
        Assert.All(requestLines, line =>
        {
            Assert.True(Scope(line, "RequestId") is { Length: > 0 }, $"no RequestId in {line.ToJsonString()}");
            Assert.True(Scope(line, "TraceId") is { Length: 32 }, $"no TraceId in {line.ToJsonString()}");
        });
    }

    [Fact]
    public async Task Logs_EvenAtTrace_NeverHoldAPasswordATokenOrTheAuthorizationHeader()
    {
        var (output, secrets) = await LogInAndChangeAPasswordAsync(level: "Trace");

        Assert.True(output.Length > 10_000, "Trace logs are long; this output is suspiciously short:\n" + output);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        }
        // The header by name (as text or as a JSON key), and any bearer credential; the framework's
        // Microsoft.AspNetCore.Authorization category may appear, it is not the header.
        Assert.DoesNotMatch("(?i)authorization\"?\\s*[:=]", output);
        Assert.DoesNotMatch("(?i)bearer\\s+[A-Za-z0-9_-]{8,}", output);
    }

    /// <summary>Runs a server, logs in (once wrongly), creates a user with a password, changes it, logs in with it; returns the console and every secret sent or received.</summary>
    private static async Task<(string Output, List<string> Secrets)> LogInAndChangeAPasswordAsync(string? level)
    {
        using var directory = new TemporaryDirectory();
        var admin = "logs-" + Unique.Suffix();
        var settings = new Dictionary<string, string?>(SqliteApp.Settings(directory.Path))
        {
            ["Auth:SigningKey"] = Tokens.OtherKey(),
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
            ["Bootstrap:AdminUsername"] = admin,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:DemoData"] = "false",
        };
        if (level is not null)
        {
            settings["Logging:LogLevel:Default"] = level;
            settings["Logging:LogLevel:Microsoft.AspNetCore"] = level;
        }
        var secrets = new List<string> { AdminPassword, FirstPassword, SecondPassword, WrongPassword };
        await using var server = ServerProcess.Start(settings);
        await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var client = server.CreateClient();

        await HttpAssert.ExpectEmptyAsync(await LoginAsync(client, admin, WrongPassword), HttpStatusCode.Unauthorized);
        var adminToken = await TokenAsync(client, admin, AdminPassword);
        secrets.Add(adminToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var groups = await client.GetObjectAsync("/v1/groups");
        var root = Guid.Parse(groups["groups"]![0]!["id"]!.GetValue<string>());
        var body = UserBodies.Create(root, RoleCatalog.Coach);
        body["password"] = FirstPassword;
        body["loginEnabled"] = true;
        var created = await HttpAssert.ReadObjectAsync(await client.PostJsonAsync("/v1/users", body));
        var username = created["username"]!.GetValue<string>();
        secrets.Add(await TokenAsync(client, username, FirstPassword));

        var change = UserBodies.Update(root, RoleCatalog.Coach);
        change["username"] = username;
        change["loginEnabled"] = true;
        change["password"] = SecondPassword;
        await HttpAssert.ExpectAsync(await client.PutJsonAsync($"/v1/users/{created["userId"]}", change), HttpStatusCode.OK);
        secrets.Add(await TokenAsync(client, username, SecondPassword));
        await HttpAssert.ExpectEmptyAsync(await LoginAsync(client, username, FirstPassword), HttpStatusCode.Unauthorized);

        await Task.Delay(500); // the console logger writes from a queue of its own
        return (server.Output, secrets);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/user")
        {
            Content = Json.Content(new JsonObject { ["username"] = username, ["password"] = password }),
        };
        return client.SendAsync(request); // once the admin logged in, with its Authorization header too
    }

    private static async Task<string> TokenAsync(HttpClient client, string username, string password)
    {
        var response = await LoginAsync(client, username, password);
        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        return (await HttpAssert.ReadObjectAsync(response))["accessToken"]!.GetValue<string>();
    }

    /// <summary>The console's log lines (JSON objects with a Category); what start-up prints for people is skipped.</summary>
    private static List<JsonObject> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(l => l["Category"] is not null)
            .ToList();

    private static string Message(JsonObject line) => line["Message"]?.GetValue<string>() ?? "";

    private static string? Scope(JsonObject line, string name) =>
        line["Scopes"]?.AsArray()
            .Select(s => s?[name])
            .FirstOrDefault(v => v is not null) is { } value
            ? value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()
            : null;
}
