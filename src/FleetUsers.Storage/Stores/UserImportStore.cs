using Dapper;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>
/// The bookkeeping of imports: an import's users are written in batches, each carrying the
/// import's id, and become visible together when the import commits (the users' visibility (UserStore.Visible)).
/// </summary>
internal sealed class UserImportStore(SqlSession session) : IUserImportStore
{
    public async Task StartAsync(Guid importId, Guid companyId, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync(
            "INSERT INTO user_imports (id, company_id, started_at, heartbeat_at) VALUES (@importId, @companyId, @now, @now)",
            new { importId, companyId, now }, ct);

    /// <summary>The import is still being written: it is not abandoned.</summary>
    public async Task HeartbeatAsync(Guid importId, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync("UPDATE user_imports SET heartbeat_at = @now WHERE id = @importId", new { importId, now }, ct);

    /// <summary>Makes every user of the import visible at once. False when it was removed meanwhile (abandoned).</summary>
    public async Task<bool> CommitAsync(Guid importId, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE user_imports SET committed_at = @now WHERE id = @importId AND committed_at IS NULL",
            new { importId, now }, ct) == 1;

    /// <summary>Imports that never committed and have not written anything since <paramref name="silentSince"/>: their process is gone.</summary>
    public async Task<IReadOnlyList<Guid>> AbandonedAsync(DateTimeOffset silentSince, CancellationToken ct) =>
        (await (await session.ConnectionAsync(ct)).QueryAsync<Guid>(session.Command(
            "SELECT id FROM user_imports WHERE committed_at IS NULL AND heartbeat_at < @silentSince",
            new { silentSince }, ct))).AsList();

    /// <summary>
    /// Deletes up to <paramref name="limit"/> users of an import that did not commit (their roles
    /// go with them); how many were deleted. Called until it returns 0, in short transactions.
    /// </summary>
    public async Task<int> RemoveUsersAsync(Guid importId, int limit, CancellationToken ct) =>
        await session.ExecuteAsync(
            """
            DELETE FROM users WHERE id IN (
                SELECT u.id FROM users u WHERE u.import_id = @importId
                AND NOT EXISTS (SELECT 1 FROM user_imports i WHERE i.id = @importId AND i.committed_at IS NOT NULL)
                LIMIT @limit)
            """,
            new { importId, limit }, ct);

    /// <summary>Forgets an import that did not commit, once its users are gone.</summary>
    public async Task ForgetAsync(Guid importId, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM user_imports WHERE id = @importId AND committed_at IS NULL", new { importId }, ct);
}
