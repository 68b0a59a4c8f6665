using FleetUsers.Storage.Engine;

namespace FleetUsers.Storage.Sqlite;

/// <summary>The embedded engine: one SQLite file in WAL mode; writers take turns.</summary>
public static class SqliteEngine
{
    public const string Name = "SQLite";

    public static StorageEngine Create(StorageOptions options)
    {
        var connections = new SqliteConnections(options);
        return new StorageEngine(Name, connections, new SqliteDialect(), new SqliteErrors(), new SqliteMigrator(connections));
    }
}
