using FleetUsers.Application.Ports;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using FleetUsers.Api.Hosting;
using FleetUsers.Application.Provisioning;
using FleetUsers.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// One running FleetUsers (in memory, over real HTTP semantics) on a real database, shared
/// by the tests of one store. Tests never share data: each makes its own company.
/// </summary>
public abstract class FleetUsersApp : IAsyncLifetime
{
    /// <summary>
    /// Fast hashing for tests: Argon2id at libsodium's floor (8 KiB, one pass), microseconds a hash.
    /// The timing tests hash at the service's default cost.
    /// </summary>
    public const string TestArgon2MemoryKib = "8";

    public const string TestArgon2Iterations = "1";

    private WebApplicationFactory<Program>? _factory;
    private Dictionary<string, string?>? _settings;

    public abstract string StoreName { get; }

    /// <summary>The signing key of this app's tokens (tests forge tokens with it and with others).</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public StringWriter Console { get; } = new();

    /// <summary>What the app logged at Error and above (a test that meets a 500 shows these).</summary>
    public LogCapture Logs { get; } = new();

    public WebApplicationFactory<Program> Factory
    {
        get
        {
            RequireAvailable();
            return _factory ?? throw new InvalidOperationException("Not started.");
        }
    }

    /// <summary>Skips (or fails) the calling test when the store under test is not there.</summary>
    protected virtual void RequireAvailable()
    {
    }

    public IServiceProvider Services => Factory.Services;

    /// <summary>Settings of the store under test: provider and connection string.</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync();

    /// <summary>An empty database of this engine for one test alone, removed when the store is disposed.</summary>
    public abstract Task<IsolatedStore> NewIsolatedStoreAsync();

    /// <summary>Provider and connection string of this app's database (the command line's tests point at it too).</summary>
    public IReadOnlyDictionary<string, string?> StoreSettings { get; private set; } = new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        StoreSettings = await PrepareStoreAsync();
        _settings = CommonSettings().Concat(StoreSettings).ToDictionary();
        _factory = CreateUnchecked(_settings);
        _ = _factory.Server; // starts the host: migrations and bootstrap run now
    }

    /// <summary>
    /// Another instance over the same database and signing key (as behind a load balancer), with
    /// settings and services changed as the test needs: a fake clock, other keys, other limits.
    /// </summary>
    public WebApplicationFactory<Program> Sibling(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        RequireAvailable();
        var all = new Dictionary<string, string?>(_settings ?? throw new InvalidOperationException("Not started."))
        {
            // The shared app's worker delivers every test's webhooks. A sibling's would share that work with its own
            // settings and clock (a test's fake clock days away gives up others' deliveries as too old), so it waits
            // out the test unless the test asks for it.
            ["Webhooks:StartDelaySeconds"] = "3600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        return CreateUnchecked(all, services);
    }

    /// <summary>The password <see cref="CommonSettings"/> gives the bootstrap administrator.</summary>
    public const string BootstrapPassword = "Bootstrap-Pass-1";

    /// <summary>What every test app shares besides its store: the signing key, fast hashing, no demo data.</summary>
    public IReadOnlyDictionary<string, string?> CommonSettings() => new Dictionary<string, string?>
    {
        ["Auth:SigningKey"] = SigningKey,
        ["Auth:Argon2MemoryKib"] = TestArgon2MemoryKib,
        ["Auth:Argon2Iterations"] = TestArgon2Iterations,
        ["Bootstrap:DemoData"] = "false",
        ["Bootstrap:AdminUsername"] = "bootstrap-" + Unique.Suffix(),
        ["Bootstrap:AdminPassword"] = BootstrapPassword,
        // As behind a load balancer: the client address comes from X-Forwarded-For (ASPNETCORE_FORWARDEDHEADERS_ENABLED).
        ["FORWARDEDHEADERS_ENABLED"] = "true",
        // Webhooks to the tests' receivers on loopback, retried within seconds, looked for often.
        ["Webhooks:AllowPrivateTargets"] = "true",
        ["Webhooks:FirstRetrySeconds"] = "1",
        ["Webhooks:MaxRetrySeconds"] = "2",
        ["Webhooks:PollMilliseconds"] = "200",
        ["Webhooks:StartDelaySeconds"] = "0",
        // Tens of thousands of requests per run: the console gets warnings only (LogTests reads a real server's console).
        ["Logging:Console:LogLevel:Default"] = "Warning",
    };

    /// <summary>A separate app over exactly the given settings, for tests of start-up and configuration.</summary>
    public WebApplicationFactory<Program> Create(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    {
        RequireAvailable();
        return CreateUnchecked(settings, services);
    }

    /// <summary>A separate app with <see cref="CommonSettings"/>, overridden by <paramref name="settings"/> (which name the store).</summary>
    public WebApplicationFactory<Program> CreateWithCommonSettings(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        Create(CommonSettings().Concat(settings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), services);

    private WebApplicationFactory<Program> CreateUnchecked(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton(new BootstrapConsole(Console));
                s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
                services?.Invoke(s);
            });
        });

    /// <summary>
    /// A client with an address of its own (X-Forwarded-For), so the failed logins of one test
    /// never count against another's: login throttling counts failures per client address.
    /// </summary>
    public HttpClient CreateClient(string? token = null) => ClientOf(Factory, token);

    /// <summary>A client of any instance (a <see cref="Sibling"/>), with an address of its own and optionally a token.</summary>
    public static HttpClient ClientOf(WebApplicationFactory<Program> instance, string? token = null) =>
        ClientAt(instance, ClientAddresses.Next(), token);

    /// <summary>The bootstrap administrator of an instance made with <see cref="CommonSettings"/> (and this Bootstrap:AdminUsername), logged in.</summary>
    public static async Task<HttpClient> BootstrapAdminOfAsync(WebApplicationFactory<Program> instance, string adminUsername)
    {
        var login = await ClientOf(instance).PostAsJsonAsync("/api/auth/user", new { username = adminUsername, password = BootstrapPassword });
        login.EnsureSuccessStatusCode();
        return ClientOf(instance, (await login.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken);
    }

    /// <summary>A client of any instance at the given address (X-Forwarded-For), optionally with a token.</summary>
    public static HttpClient ClientAt(WebApplicationFactory<Program> instance, string address, string? token = null)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>A new company with its root group and an administrator at the root, logged in.</summary>
    public async Task<TestCompany> NewCompanyAsync()
    {
        var adminUsername = "admin-" + Unique.Suffix();
        const string adminPassword = TestCompany.AdminPassword;
        var provisioning = Services.GetRequiredService<CompanyProvisioning>();
        var database = Services.GetRequiredService<IDatabase>();
        ProvisionedCompany created;
        await using (var session = await database.BeginAsync(write: true, CancellationToken.None))
        {
            created = await provisioning.CreateAsync(session, "Company " + Unique.Suffix(), adminUsername, adminPassword, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        var admin = await LoginAsync(adminUsername, adminPassword);
        return new TestCompany(this, created.Company.Id, created.RootGroup.Id, created.Administrator.Id, adminUsername, admin);
    }

    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/api/auth/user", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
        return CreateClient(token);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    private sealed record TokenBody(string AccessToken, string TokenType, int ExpiresIn);
}
