using FleetUsers.Api.Tests.Infrastructure;

// One running app per engine, shared by every test of that engine (each test makes its own company).
[assembly: AssemblyFixture(typeof(StoreApps))]

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// The engines the functional tests run on, and one running app of each. A test marked
/// <see cref="StoreFactAttribute"/> or <see cref="StoreTheoryAttribute"/> runs once per engine, its
/// class given that engine's app; adding an engine is one entry in <see cref="Engines"/>.
/// </summary>
public sealed class StoreApps : IAsyncLifetime
{
    /// <summary>Every engine, by the name its tests carry (<c>[sqlite]</c>, trait <c>Store=sqlite</c>).</summary>
    public static IReadOnlyList<(string Name, Func<FleetUsersApp> Create)> Engines { get; } =
    [
        ("sqlite", () => new SqliteApp()),
        ("postgres", () => new PostgresApp()),
    ];

    public IReadOnlyList<FleetUsersApp> All { get; } = Engines.Select(engine => engine.Create()).ToList();

    public FleetUsersApp Named(string store) =>
        All.SingleOrDefault(app => app.StoreName == store) ?? throw new ArgumentException($"No engine named {store}.", nameof(store));

    public async ValueTask InitializeAsync()
    {
        foreach (var app in All)
        {
            await app.InitializeAsync();
        }
    }

    /// <summary>
    /// Stops every app even when one fails to stop, then throws every failure with its engine. The
    /// run fails with "Test Assembly Cleanup Failure"; at the default console verbosity xUnit prints
    /// only that, and with <c>--logger "console;verbosity=normal"</c> the engine and each exception.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var app in All)
        {
            try
            {
                await app.DisposeAsync();
            }
            catch (Exception e)
            {
                failures.Add(new InvalidOperationException($"Stopping the {app.StoreName} app failed.", e));
            }
        }
        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }
}
