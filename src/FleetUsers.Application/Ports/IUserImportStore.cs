namespace FleetUsers.Application.Ports;

/// <summary>
/// The bookkeeping of imports: an import's users are written in batches, each carrying the
/// import's id, and become visible together when the import commits.
/// </summary>
public interface IUserImportStore
{
    Task StartAsync(Guid importId, Guid companyId, DateTimeOffset now, CancellationToken ct);

    /// <summary>The import is still being written: it is not abandoned.</summary>
    Task HeartbeatAsync(Guid importId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Makes every user of the import visible at once. False when it was removed meanwhile (abandoned).</summary>
    Task<bool> CommitAsync(Guid importId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Imports that never committed and have written nothing since <paramref name="silentSince"/>: their process is gone.</summary>
    Task<IReadOnlyList<Guid>> AbandonedAsync(DateTimeOffset silentSince, CancellationToken ct);

    /// <summary>Deletes up to <paramref name="limit"/> users of an import that did not commit; how many were deleted.</summary>
    Task<int> RemoveUsersAsync(Guid importId, int limit, CancellationToken ct);

    /// <summary>Forgets an import that did not commit, once its users are gone.</summary>
    Task ForgetAsync(Guid importId, CancellationToken ct);
}
