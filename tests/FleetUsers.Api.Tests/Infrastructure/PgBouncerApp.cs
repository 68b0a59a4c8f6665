using Npgsql;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// The production store as it is often run: PostgreSQL behind PgBouncer in transaction pooling, named by
/// FLEETUSERS_TEST_PGBOUNCER (scripts/test-pgbouncer.sh starts one in front of the tests' server and prints
/// it). Each database is made on the server itself (FLEETUSERS_TEST_POSTGRES) and used through PgBouncer.
/// Without both variables its tests are skipped, except under CI (CI=true), where they fail.
/// </summary>
public sealed class PgBouncerApp : FleetUsersApp
{
    public const string Variable = "FLEETUSERS_TEST_PGBOUNCER";

    private string? _database;

    public override string StoreName => "pgbouncer";

    public static string? BouncerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private static bool Available => BouncerConnectionString is not null && PostgresApp.ServerConnectionString is not null;

    public override async ValueTask InitializeAsync()
    {
        if (Available)
        {
            await base.InitializeAsync();
        }
    }

    protected override void RequireAvailable()
    {
        if (!Available)
        {
            if (PostgresApp.InCi)
            {
                Assert.Fail($"CI=true but {Variable} or {PostgresApp.Variable} is not set: the PgBouncer tests must run in CI.");
            }
            Assert.Skip($"PgBouncer tests need {Variable} (scripts/test-pgbouncer.sh) and {PostgresApp.Variable}.");
        }
    }

    protected override async Task<IReadOnlyDictionary<string, string?>> PrepareStoreAsync()
    {
        _database = "fleetusers_bouncer_" + Unique.Suffix();
        return await CreateDatabaseAsync(_database);
    }

    public override async Task<IsolatedStore> NewIsolatedStoreAsync()
    {
        RequireAvailable();
        var name = "fleetusers_bouncer_" + Unique.Suffix();
        return new IsolatedStore(await CreateDatabaseAsync(name), () => new ValueTask(PostgresApp.DropDatabaseAsync(name)));
    }

    /// <summary>A new database on the server, and the settings that reach it through PgBouncer.</summary>
    private static async Task<IReadOnlyDictionary<string, string?>> CreateDatabaseAsync(string name)
    {
        await PostgresApp.CreateDatabaseAsync(name);
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Users"] = new NpgsqlConnectionStringBuilder(BouncerConnectionString) { Database = name }.ToString(),
        };
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await PostgresApp.DropDatabaseAsync(_database);
        }
    }
}
