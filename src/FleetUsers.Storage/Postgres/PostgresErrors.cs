using System.Data.Common;
using System.Net.Sockets;
using FleetUsers.Storage.Engine;
using Npgsql;

namespace FleetUsers.Storage.Postgres;

/// <summary>PostgreSQL's SQL states and Npgsql's exceptions, sorted.</summary>
public sealed class PostgresErrors : ErrorSorting
{
    public override string? UniqueIndexViolated(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } e ? e.ConstraintName ?? e.Message : null;

    public override bool ForeignKeyViolated(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation };

    /// <summary>The SQL state fleetusers_expect_rows raises (migration 0130).</summary>
    public const string GuardFailedState = "FU412";

    public override bool GuardFailed(DbException exception) =>
        exception is PostgresException { SqlState: GuardFailedState };

    protected override bool? EngineUnavailable(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || e.SqlState.StartsWith("57P", StringComparison.Ordinal)               // shutting down, cannot connect now
            || e.SqlState is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.QueryCanceled,
        NpgsqlException e => e.IsTransient || e.InnerException is SocketException or TimeoutException or IOException,
        _ => null,
    };

    protected override bool? EngineConnectionLost(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
            || e.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        _ => null,
    };
}
