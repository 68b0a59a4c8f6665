using System.Data.Common;
using FleetUsers.Storage.Engine;
using Microsoft.Data.Sqlite;

namespace FleetUsers.Storage.Sqlite;

/// <summary>SQLite's error codes, sorted.</summary>
public sealed class SqliteErrors : ErrorSorting
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;
    private const int SqliteCannotOpen = 14;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;

    public override string? UniqueIndexViolated(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintUnique } e
            ? e.Message // "UNIQUE constraint failed: users.username_key": names the columns
            : null;

    public override bool ForeignKeyViolated(DbException exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: SqliteConstraintForeignKey };

    protected override bool? EngineUnavailable(Exception exception) =>
        exception is WriteBatchFailedException ? true
        : exception is SqliteException e ? e.SqliteErrorCode is SqliteBusy or SqliteLocked or SqliteIoError or SqliteFull or SqliteCannotOpen : null;
}
