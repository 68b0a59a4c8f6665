using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// An instance on a database of its own (<see cref="IsolatedStore"/>), its bootstrap administrator logged in,
/// and the root group: for a test whose work (a retention purge "days later") would reach other tests' data.
/// </summary>
public sealed class IsolatedService : IAsyncDisposable
{
    private readonly IsolatedStore _store;

    private IsolatedService(IsolatedStore store, WebApplicationFactory<Program> instance, string adminUsername, HttpClient admin, Guid root)
    {
        _store = store;
        Instance = instance;
        AdminUsername = adminUsername;
        Admin = admin;
        Root = root;
    }

    public WebApplicationFactory<Program> Instance { get; }

    public IServiceProvider Services => Instance.Services;

    public HttpClient Admin { get; }

    /// <summary>The administrator's name, to log in again (a test that moves the instance's clock past the token's lifetime).</summary>
    public string AdminUsername { get; }

    /// <summary>The database's settings, for another instance on it.</summary>
    public IsolatedStore Store => _store;

    public Guid Root { get; }

    public static async Task<IsolatedService> StartAsync(FleetUsersApp app, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var store = await IsolatedStore.CreateAsync(app);
        var adminName = "isolated-admin-" + Unique.Suffix();
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Bootstrap:AdminUsername"] = adminName };
        var instance = app.CreateWithCommonSettings(store.With(all), services);
        var admin = await FleetUsersApp.BootstrapAdminOfAsync(instance, adminName);
        var root = GroupBodies.Id((await admin.GetObjectAsync("/v1/groups"))["groups"]![0]!);
        return new IsolatedService(store, instance, adminName, admin, root);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Instance.DisposeAsync();
        await _store.DisposeAsync();
    }
}
