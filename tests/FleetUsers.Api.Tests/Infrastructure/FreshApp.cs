using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>A temporary directory for a fresh SQLite database, removed with everything in it.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fleetusers-fresh-" + Unique.Suffix());

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary directory is cleaned by the OS.
        }
    }
}

/// <summary>
/// An app of its own on a SQLite database in the given directory, for tests of start-up:
/// it runs the bootstrap, and what it prints goes to its own <see cref="Console"/>.
/// </summary>
public sealed class FreshApp : IAsyncDisposable
{
    private FreshApp(WebApplicationFactory<Program> factory, StringWriter console)
    {
        Factory = factory;
        Console = console;
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>What start-up printed.</summary>
    public StringWriter Console { get; }

    /// <summary>Starts an app over the directory's database (created if missing) with the settings given on top of fast hashing.</summary>
    public static FreshApp Start(FleetUsersApp app, string directory, IReadOnlyDictionary<string, string?>? settings = null, bool kestrel = false)
    {
        var all = new Dictionary<string, string?>(SqliteApp.Settings(directory))
        {
            ["Auth:Argon2MemoryKib"] = FleetUsersApp.TestArgon2MemoryKib,
            ["Auth:Argon2Iterations"] = FleetUsersApp.TestArgon2Iterations,
        };
        if (kestrel)
        {
            all["urls"] = "http://127.0.0.1:0"; // any free port, never the service's default
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var console = new StringWriter();
        var factory = app.Create(all, s => s.AddSingleton(new BootstrapConsole(console)));
        if (kestrel)
        {
            factory.UseKestrel();
        }
        factory.StartServer();
        return new FreshApp(factory, console);
    }

    public HttpClient CreateClient(string? token = null)
    {
        var client = Factory.CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public Task<HttpResponseMessage> PostLoginAsync(string username, string password) =>
        CreateClient().PostAsync("/api/auth/user", Json.Content(new JsonObject { ["username"] = username, ["password"] = password }));

    /// <summary>A client logged in as the user; fails the test when the login is refused.</summary>
    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var response = await PostLoginAsync(username, password);
        await HttpAssert.ExpectAsync(response, System.Net.HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        return CreateClient(token);
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
