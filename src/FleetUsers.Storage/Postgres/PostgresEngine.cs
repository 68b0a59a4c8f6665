using FleetUsers.Storage.Engine;

namespace FleetUsers.Storage.Postgres;

/// <summary>The production engine: PostgreSQL through Npgsql, shared by any number of instances.</summary>
public static class PostgresEngine
{
    public const string Name = "PostgreSQL";

    public static StorageEngine Create(StorageOptions options)
    {
        var connections = new PostgresConnections(options);
        return new StorageEngine(Name, connections, new PostgresDialect(), new PostgresErrors(), new PostgresMigrator(connections));
    }
}
