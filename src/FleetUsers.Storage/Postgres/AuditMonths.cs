using Dapper;
using FleetUsers.Application.Ports;
using Npgsql;

namespace FleetUsers.Storage.Postgres;

/// <summary>
/// The user trail's monthly partitions (migration 0140_audit_log_partitions.sql): created ahead of their month,
/// dropped whole once the month is past retention. Both take <see cref="StorageLock.AuditMonths"/>, a transaction's
/// advisory lock (it works through PgBouncer in transaction pooling), so instances take turns instead of racing to
/// create the same table. Creating or dropping a partition locks audit_log for a moment (writers wait that long):
/// the wait for that lock is at most <see cref="LockWait"/>, after which the work is left for a later round.
/// </summary>
internal static class AuditMonths
{
    /// <summary>The month of now and this many after it have their partitions.</summary>
    public const int MonthsAhead = 2;

    private const string LockWait = "1s";

    /// <summary>False when audit_log was too busy (its lock not had within <see cref="LockWait"/>): nothing was made, try later.</summary>
    public static async Task<bool> PrepareAsync(SqlSession session, DateTimeOffset now, CancellationToken ct)
    {
        await TakeTurnAsync(session, ct);
        var month = new DateTime(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // A savepoint: a lock wait given up leaves the caller's transaction usable (a start-up goes on).
        await session.Connection.ExecuteAsync(session.Command("SAVEPOINT audit_months", null, ct));
        try
        {
            for (var ahead = 0; ahead <= MonthsAhead; ahead++)
            {
                // False when the month's entries sit in the default partition already: they stay there (see the migration).
                await session.Connection.ExecuteScalarAsync<bool>(
                    session.Command("SELECT audit_log_add_month(CAST(@first AS date))", new { first = month.AddMonths(ahead) }, ct));
            }
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await session.Connection.ExecuteAsync(session.Command("ROLLBACK TO SAVEPOINT audit_months", null, ct));
            return false;
        }
    }

    public static async Task<long> DropBeforeAsync(SqlSession session, DateTimeOffset before, CancellationToken ct)
    {
        await TakeTurnAsync(session, ct);
        var months = await session.Connection.QueryAsync<(string Name, double Rows)>(session.Command("""
            SELECT c.relname, c.reltuples
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_p[0-9]{6}$'
              AND (to_date(substr(c.relname, 12), 'YYYYMM') + interval '1 month') AT TIME ZONE 'UTC' <= @before
            ORDER BY c.relname
            """, new { before }, ct));
        var dropped = 0L;
        foreach (var (name, rows) in months)
        {
            // reltuples is -1 until the table is first analysed (a small one): counting it then costs little.
            dropped += rows >= 0 ? (long)rows
                : await session.Connection.ExecuteScalarAsync<long>(session.Command($"SELECT count(*) FROM \"{name}\"", null, ct));
            // No row trigger fires: the month goes whole. Only entries past the cutoff are in it (its range ended by then).
            await session.Connection.ExecuteAsync(session.Command($"DROP TABLE \"{name}\"", null, ct));
        }
        return dropped;
    }

    private static async Task TakeTurnAsync(SqlSession session, CancellationToken ct)
    {
        await session.Database.Dialect.LockAsync(session, (long)StorageLock.AuditMonths, ct);
        // After the turn: the wait for another instance's turn is bounded by the command timeout only.
        await session.Connection.ExecuteAsync(session.Command($"SET LOCAL lock_timeout = '{LockWait}'", null, ct));
    }
}
