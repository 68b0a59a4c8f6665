using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// An empty database of the app's kind, for one test alone (a SQLite file in a temporary
/// directory, or a new PostgreSQL database): for tests that must not share the store's locks
/// with the rest of the suite, or that start on an empty schema. Removed at the end.
/// </summary>
public sealed class IsolatedStore(IReadOnlyDictionary<string, string?> settings, Func<ValueTask> remove) : IAsyncDisposable
{
    /// <summary>Provider and connection string of the database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;

    public static Task<IsolatedStore> CreateAsync(FleetUsersApp app)
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI), as every test of the store does
        return app.NewIsolatedStoreAsync();
    }

    /// <summary>The same, with the schema migrated (one instance started on it, then stopped).</summary>
    public static async Task<IsolatedStore> CreateMigratedAsync(FleetUsersApp app)
    {
        var store = await CreateAsync(app);
        await using (var instance = app.CreateWithCommonSettings(store.Settings))
        {
            _ = instance.Server; // migrates
        }
        return store;
    }

    /// <summary>
    /// An open connection of the test's own to this PostgreSQL database, outside any instance's pool: for a
    /// lock or an open transaction a test holds while the service works, or a session it watches.
    /// </summary>
    public async Task<NpgsqlConnection> OpenPostgresAsync(CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(Settings["ConnectionStrings:Users"]);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>These settings with others on top.</summary>
    public Dictionary<string, string?> With(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        return all;
    }

    public ValueTask DisposeAsync() => remove();
}
