namespace FleetUsers.Storage.Engine;

/// <summary>
/// What makes one engine (a folder of its own: Sqlite/, Postgres/): how it connects and begins
/// transactions, the few statements it words its own way, how it sorts its errors, and how it
/// brings its schema up to date. The shared stores run on any of them.
/// </summary>
/// <param name="Name">The engine as messages name it (SQLite, PostgreSQL).</param>
public sealed record StorageEngine(string Name, Connections Connections, SqlDialect Dialect, ErrorSorting Errors, Migrator Migrator);
