namespace FleetUsers.Storage;

/// <summary>The engines, as <c>Storage:Provider</c> names them.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Bound from configuration: <c>Storage:Provider</c>, <c>Storage:CommandTimeoutSeconds</c> and <c>ConnectionStrings:Users</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultSqliteConnectionString = "Data Source=data/fleetusers.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>How long one statement may wait (for a lock or the server) before the request fails with 503.</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;
}
