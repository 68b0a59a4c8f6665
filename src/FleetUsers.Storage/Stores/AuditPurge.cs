namespace FleetUsers.Storage.Stores;

/// <summary>
/// One batch of a trail's retention, in the caller's transaction. The trails' triggers refuse every DELETE
/// except of entries older than the cutoff in audit_purge, which this writes first and removes before the
/// transaction commits, so no other transaction ever sees it.
/// </summary>
internal static class AuditPurge
{
    public static async Task<int> DeleteOlderThanAsync(SqlSession session, string table, DateTimeOffset before, int batch, CancellationToken ct)
    {
        await session.ExecuteAsync("INSERT INTO audit_purge (purge_before) VALUES (@before)", new { before }, ct);
        // Among the first entries in written order (seq, nearly time order: the primary key alone, never a
        // scan), those past the cutoff. An entry written late with an older time waits for a later round.
        var deleted = await session.ExecuteAsync(
            $"DELETE FROM {table} WHERE seq IN (SELECT seq FROM {table} ORDER BY seq LIMIT @batch) AND occurred_at < @before",
            new { before, batch }, ct);
        await session.ExecuteAsync("DELETE FROM audit_purge", null, ct);
        return deleted;
    }
}
