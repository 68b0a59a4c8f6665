using Dapper;
using DbUp;
using FleetUsers.Storage.Engine;
using Npgsql;

namespace FleetUsers.Storage.Postgres;

/// <summary>PostgreSQL's migrations (Postgres/Migrations), applied under an advisory lock so instances starting together take turns.</summary>
public sealed class PostgresMigrator(PostgresConnections connections) : Migrator
{
    // Any constant will do: every instance migrating at once waits on the same advisory lock.
    public const long LockKey = 0x466C656574557372;

    /// <summary>A command timeout of 0: Npgsql waits as long as the statement takes.</summary>
    private const int NoTimeLimit = 0;

    /// <summary>
    /// Neither the wait for the lock nor a migration's statements have a time limit: an instance
    /// starting while another runs a long migration waits for it instead of failing its start.
    /// </summary>
    /// <remarks>
    /// The lock is a transaction's (<c>pg_advisory_xact_lock</c>), held by a transaction left open on a
    /// connection of its own while the migrations run on others, and released by its end, whatever
    /// happens. A session's lock would not survive PgBouncer in transaction pooling: its statements may
    /// reach different server sessions, so the unlock could miss and leave the lock held for good.
    /// </remarks>
    public override void Migrate()
    {
        using var connection = connections.OpenForMigration(new PostgresErrors());
        using var holder = connection.BeginTransaction();
        connection.Execute(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = LockKey }, holder, NoTimeLimit));
        var migrations = new NpgsqlConnectionStringBuilder(connections.ConnectionString) { CommandTimeout = NoTimeLimit };
        Apply(Scripts(DeployChanges.To.PostgresqlDatabase(migrations.ToString()).JournalToPostgresqlTable("public", "schema_versions"), "Postgres"));
        holder.Commit();
    }
}
