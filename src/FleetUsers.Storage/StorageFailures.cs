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
}
