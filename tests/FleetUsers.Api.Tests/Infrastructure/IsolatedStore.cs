namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// An empty database of the app's kind, for one test alone (a SQLite file in a temporary
/// directory, or a new PostgreSQL database): for tests that must not share the store's locks
/// with the rest of the suite, or that start on an empty schema. Removed at the end.
/// </summary>
public sealed class IsolatedStore : IAsyncDisposable
{
    private readonly string? _postgresDatabase;
    private readonly TemporaryDirectory? _directory;

    private IsolatedStore(IReadOnlyDictionary<string, string?> settings, string? postgresDatabase, TemporaryDirectory? directory)
    {
        Settings = settings;
        _postgresDatabase = postgresDatabase;
        _directory = directory;
    }

    /// <summary>Provider and connection string of the database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static async Task<IsolatedStore> CreateAsync(FleetUsersApp app)
    {
        _ = app.Factory; // skips without PostgreSQL (fails under CI), as every test of the store does
        if (app is PostgresApp)
        {
            var name = "fleetusers_isolated_" + Unique.Suffix();
            return new IsolatedStore(await PostgresApp.CreateDatabaseAsync(name), name, null);
        }
        var directory = new TemporaryDirectory();
        return new IsolatedStore(SqliteApp.Settings(directory.Path), null, directory);
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

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await PostgresApp.DropDatabaseAsync(_postgresDatabase);
        }
        _directory?.Dispose();
    }
}
