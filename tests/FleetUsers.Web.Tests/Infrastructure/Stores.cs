using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Web.Tests.Infrastructure;
using Npgsql;

// One browser and one running service per store for the whole run; each test makes its own company and browser context.
[assembly: AssemblyFixture(typeof(Chromium))]
[assembly: AssemblyFixture(typeof(SqliteConsole))]
[assembly: AssemblyFixture(typeof(PostgresConsole))]

namespace FleetUsers.Web.Tests.Infrastructure;

/// <summary>The embedded store: a fresh SQLite file in a temporary directory.</summary>
public sealed class SqliteConsole : ConsoleApp
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fleetusers-web-tests-" + Unique.Suffix());

    public override string StoreName => "sqlite";

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:Users"] = $"Data Source={Path.Combine(_directory, "fleetusers.db")}",
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the temporary directory is cleaned by the OS.
        }
    }
}

/// <summary>
/// The production store: a fresh database on the server FLEETUSERS_TEST_POSTGRES names (as the API
/// tests). Without it the PostgreSQL tests skip, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresConsole : ConsoleApp
{
    public const string Variable = "FLEETUSERS_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    public override string StoreName => "postgres";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public override async ValueTask InitializeAsync()
    {
        if (ServerConnectionString is not null)
        {
            await base.InitializeAsync();
        }
    }

    protected override void RequireAvailable()
    {
        if (ServerConnectionString is null)
        {
            if (Chromium.InCi)
            {
                Assert.Fail($"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI.");
            }
            Assert.Skip($"PostgreSQL tests need {Variable} (run scripts/test-postgres.sh).");
        }
    }

    protected override Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync() => NewDatabaseAsync();

    /// <summary>Creates an empty database (dropped at the end of the run) and returns the settings that select it.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> NewDatabaseAsync()
    {
        RequireAvailable();
        var name = "fleetusers_web_" + Unique.Suffix();
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_databases)
        {
            _databases.Add(name);
        }
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Users"] = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ToString(),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ServerConnectionString is null)
        {
            return;
        }
        foreach (var name in _databases)
        {
            await TestDatabases.DropAsync(ServerConnectionString, name);
        }
    }
}
