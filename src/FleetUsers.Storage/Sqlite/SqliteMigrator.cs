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
        var scripts = Scripts(DeployChanges.To.SqliteDatabase(new SharedConnection(connection)).JournalToSqliteTable("schema_versions"),
            "Sqlite", transactionPerScript: false);
        // Usually the file is current: then the journal is only read, and a migrate beside a busy service does not
        // queue behind its writes. Otherwise reading the journal again and applying what it lacks happen in one
        // IMMEDIATE transaction: the service and command lines migrating the same file take turns on its write
        // lock, and the second finds the scripts done instead of running them again. (So a migration must be able
        // to run inside a transaction: no VACUUM, no PRAGMA journal_mode.)
        if (!scripts.IsUpgradeRequired())
        {
            return;
        }
        connection.Execute("BEGIN IMMEDIATE");
        try
        {
            Apply(scripts);
            connection.Execute("COMMIT");
        }
        catch
        {
            connection.Execute("ROLLBACK");
            throw;
        }
    }
}
