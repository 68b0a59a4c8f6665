using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetUsers.Storage;

/// <summary>Tells a database that is out of reach (try again later: 503) from a bug (500).</summary>
public static class StorageFailures
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        SqliteException e => e.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCannotOpen,
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || e.SqlState.StartsWith("57P", StringComparison.Ordinal)               // shutting down, cannot connect now
            || e.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled,
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or TimeoutException or IOException,
        TimeoutException or SocketException => true,
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };

    /// <summary>
    /// True when an unavailable database is gone, not busy: the connection was refused, broke or
    /// was shut down by the server, so pooled connections are likely dead too and worth dropping.
    /// A lock wait or statement past the timeout, or a full pool, says nothing of the connections:
    /// dropping them there would make every busy moment a storm of reconnections.
    /// </summary>
    public static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        SocketException or IOException => true,
        _ => exception.InnerException is { } inner && IsConnectionLost(inner),
    };
}
