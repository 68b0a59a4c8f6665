using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// The production store: a fresh database on the PostgreSQL server named by
/// FLEETUSERS_TEST_POSTGRES (scripts/test-postgres.sh prints one). Without it the
/// PostgreSQL tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PostgresApp : FleetUsersApp
{
    public const string Variable = "FLEETUSERS_TEST_POSTGRES";

    private string? _database;

    public override string StoreName => "postgres";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    internal static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override async ValueTask InitializeAsync()
    {
        if (ServerConnectionString is null)
        {
            return; // each test skips itself, or fails under CI (see RequireAvailable)
        }
        await base.InitializeAsync();
    }

    protected override void RequireAvailable()
    {
        if (ServerConnectionString is null)
        {
            if (InCi)
            {
                Assert.Fail($"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI.");
            }
            Assert.Skip($"PostgreSQL tests need {Variable} (run scripts/test-postgres.sh).");
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync()
    {
        _database = "fleetusers_test_" + Unique.Suffix();
        return await CreateDatabaseAsync(_database);
    }

    public override async Task<IsolatedStore> NewIsolatedStoreAsync()
    {
        var name = "fleetusers_isolated_" + Unique.Suffix();
        return new IsolatedStore(await CreateDatabaseAsync(name), () => new ValueTask(DropDatabaseAsync(name)));
    }

    /// <summary>Creates an empty database on the test server and returns the settings that select it.</summary>
    public static async Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync(string name, string? onServer = null)
    {
        var server = onServer ?? ServerConnectionString ?? throw new InvalidOperationException($"{Variable} is not set.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Users"] = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(),
        };
    }

    public static Task DropDatabaseAsync(string name, string? onServer = null) =>
        TestDatabases.DropAsync(onServer ?? ServerConnectionString ?? throw new InvalidOperationException($"{Variable} is not set."), name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await DropDatabaseAsync(_database);
        }
    }
}
