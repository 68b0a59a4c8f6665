using Dapper;
using DbUp;
using DbUp.Sqlite.Helpers;
using FleetUsers.Storage.Engine;

namespace FleetUsers.Storage.Sqlite;

/// <summary>SQLite's migrations (Sqlite/Migrations), applied under the file's write lock.</summary>
public sealed class SqliteMigrator(SqliteConnections connections) : Migrator
{
    public override void Migrate()
    {
        using var connection = connections.OpenForMigration();
        // Reading the journal and applying what it lacks happen in one IMMEDIATE transaction: the
        // service and command lines migrating the same file take turns on its write lock, and the
        // second finds the scripts done instead of running them again. (So a migration must be
        // able to run inside a transaction: no VACUUM, no PRAGMA journal_mode.)
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            Apply(DeployChanges.To.SqliteDatabase(new SharedConnection(connection)).JournalToSqliteTable("schema_versions"),
                "Sqlite", transactionPerScript: false);
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }
}
