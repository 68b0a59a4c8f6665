using System.Globalization;
using System.Security.Cryptography;
using FleetUsers.Application.Provisioning;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>
/// The service running on a real database of one store, shared by every browser test of that
/// store (each test makes its own company). Subclasses name the store.
/// </summary>
public abstract class ConsoleApp : IAsyncLifetime
{
    private ConsoleServer? _server;

    public abstract string StoreName { get; }

    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    /// <summary>Provider and connection string of this app's database.</summary>
    public IReadOnlyDictionary<string, string?> StoreSettings { get; private set; } = new Dictionary<string, string?>();

    public ConsoleServer Server
    {
        get
        {
            RequireAvailable();
            return _server ?? throw new InvalidOperationException("Not started.");
        }
    }

    /// <summary>Skips (or fails) the calling test when the store under test is not there.</summary>
    protected virtual void RequireAvailable()
    {
    }

    protected abstract Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync();

    public virtual async ValueTask InitializeAsync()
    {
        StoreSettings = await PrepareStoreAsync();
        _server = ConsoleServer.Start(Settings());
    }

    /// <summary>This app's settings: its database and signing key, fast hashing, no demo data, client addresses from X-Forwarded-For.</summary>
    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(StoreSettings)
        {
            ["Auth:SigningKey"] = SigningKey,
            // Fast hashing, as the API tests: Argon2id at libsodium's floor (8 KiB, one pass).
            ["Auth:Argon2MemoryKib"] = "8",
            ["Auth:Argon2Iterations"] = "1",
            ["Bootstrap:DemoData"] = "false",
            ["Bootstrap:AdminUsername"] = "bootstrap-" + Unique.Suffix(),
            ["Bootstrap:AdminPassword"] = "Bootstrap-Pass-1",
            // Each browser context sends an address of its own, so one test's failed sign-ins never throttle another's.
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Logging:Console:LogLevel:Default"] = "Warning",
            // The browser suite runs beside the API suite on two cores: there a connection may take longer than the
            // service's 5 s default (a server process once failed its start on it in CI). No test here is about time limits.
            ["Storage:CommandTimeoutSeconds"] = "15",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Another instance on the same database and signing key (as behind a load balancer), with settings and services of its own.</summary>
    public ConsoleServer StartSibling(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        RequireAvailable();
        return ConsoleServer.Start(Settings(settings), services);
    }

    /// <summary>A new company with its root group and an administrator at the root (Administrator and Group Manager), logged in to the API.</summary>
    public async Task<TestCompany> NewCompanyAsync()
    {
        var server = Server;
        var name = "Company " + Unique.Suffix();
        var adminUsername = "admin-" + Unique.Suffix();
        ProvisionedCompany created;
        await using (var session = await server.Services.GetRequiredService<IDatabase>().BeginAsync(write: true, CancellationToken.None))
        {
            created = await server.Services.GetRequiredService<CompanyProvisioning>()
                .CreateAsync(session, name, adminUsername, TestCompany.Password, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        var admin = server.CreateClient(await Api.TokenAsync(server, adminUsername, TestCompany.Password));
        return new TestCompany(this, name, created.RootGroup.Id, adminUsername, admin);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    internal static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
