using System.Diagnostics;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Audit;

namespace FleetUsers.Application.Transfer;

/// <summary>How writing an import ended: every user visible, or stopped by another writer with nothing kept.</summary>
public enum ImportWriteOutcome
{
    Committed,

    /// <summary>A username or employee id of the file was taken between the check and the write.</summary>
    NameTaken,

    /// <summary>A group of the file was deleted between the check and the write.</summary>
    GroupDeleted,

    /// <summary>The import was taken for abandoned and removed by another one (it was silent too long).</summary>
    Interrupted,
}

/// <summary>
/// Writes checked users all or nothing without holding the write lock for the whole file:
/// batches, each a transaction of about <see cref="LockBudget"/>, invisible to readers (but
/// holding their usernames and employee ids) until one short final write makes them all
/// visible. Between batches it pauses (<see cref="IDatabase.PauseBetweenBatches"/>) so that other
/// writers, logins included, take their turn. If a batch fails, the batches already written are
/// deleted again; if the process dies, the next import deletes them.
/// </summary>
public sealed class UserImportWriter(IDatabase database, ChangeRecorder changes, TimeProvider clock)
{
    /// <summary>Users written with one pair of statements; a batch is as many chunks as fit its time.</summary>
    public const int ChunkSize = 250;

    /// <summary>
    /// How long a batch goes on adding chunks: about the longest other writers wait for it, whatever
    /// the machine's speed (a fast one writes more users per batch, so it pauses less often).
    /// Zero: one chunk per batch (tests that need to act between two batches).
    /// </summary>
    public TimeSpan LockBudget { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>An import that wrote nothing for this long is taken for dead (its batches take well under a minute).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    private const int RemoveBatchSize = 2_000;

    /// <summary>Writes the users as <paramref name="actor"/>'s import (the operator's, or the console's signed-in person's).</summary>
    public async Task<ImportWriteOutcome> WriteAsync(Guid companyId, AuditActor actor, IReadOnlyList<UserAccount> users,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var importId = Guid.CreateVersion7(clock.Now());
        await using (var start = await database.BeginAsync(write: true, ct))
        {
            await start.Imports.StartAsync(importId, companyId, clock.Now(), ct);
            await start.CommitAsync(ct);
        }
        var committed = false;
        try
        {
            for (var done = 0; done < users.Count;)
            {
                done += await WriteBatchAsync(importId, actor, users, done, ct);
                progress?.Report(new ImportProgress(ImportPhase.Writing, done, users.Count));
                await Task.Delay(database.PauseBetweenBatches, ct);
            }
            // The final write: the users shown and their events released, together.
            await using (var flip = await database.BeginAsync(write: true, ct))
            {
                committed = await flip.Imports.CommitAsync(importId, clock.Now(), ct);
                if (committed)
                {
                    await changes.ImportCommittedAsync(flip, importId, ct);
                }
                await flip.CommitAsync(ct);
            }
            if (committed)
            {
                await TryForgetStagedEventsAsync(importId);
            }
            return committed ? ImportWriteOutcome.Committed : ImportWriteOutcome.Interrupted;
        }
        catch (UniqueViolationException)
        {
            return ImportWriteOutcome.NameTaken;
        }
        catch (ForeignKeyViolationException)
        {
            return ImportWriteOutcome.GroupDeleted;
        }
        finally
        {
            if (!committed)
            {
                await TryRemoveAsync(importId);
            }
        }
    }

    /// <summary>Writes users from <paramref name="from"/> on, chunk by chunk, until the batch's time is up; how many it wrote.</summary>
    private async Task<int> WriteBatchAsync(Guid importId, AuditActor actor, IReadOnlyList<UserAccount> users, int from, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        var locked = Stopwatch.StartNew();
        var done = from;
        do
        {
            var chunk = users.Skip(done).Take(ChunkSize).ToList();
            await session.Users.InsertManyAsync(chunk, importId, ct);
            // Every imported user's trail starts with the import, as one made through the API starts with its create.
            await changes.UsersImportedAsync(session, actor, chunk, importId, ct);
            done += chunk.Count;
        }
        while (done < users.Count && locked.Elapsed < LockBudget);
        await session.Imports.HeartbeatAsync(importId, clock.Now(), ct);
        await session.CommitAsync(ct);
        return done - from;
    }

    /// <summary>
    /// Removes imports whose process died before they committed (their invisible users still hold names), and the
    /// staged copies of the events of imports whose process died, or lost the database, right after committing
    /// (their events are in the feed: the copies would only take room, for good).
    /// </summary>
    public async Task RemoveAbandonedAsync(CancellationToken ct)
    {
        IReadOnlyList<Guid> abandoned, released;
        await using (var read = await database.BeginAsync(write: false, ct))
        {
            abandoned = await read.Imports.AbandonedAsync(clock.Now() - AbandonedAfter, ct);
            released = await read.Events.CommittedImportsWithStagedEventsAsync(ct);
        }
        foreach (var importId in abandoned)
        {
            await RemoveAsync(importId, ct);
        }
        foreach (var importId in released)
        {
            await TryForgetStagedEventsAsync(importId);
        }
    }

    /// <summary>Deletes the users of an import that did not commit and their staged events, in short transactions, then the import.</summary>
    private async Task RemoveAsync(Guid importId, CancellationToken ct)
    {
        while (true)
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var removed = await session.Imports.RemoveUsersAsync(importId, RemoveBatchSize, ct)
                + await session.Events.RemoveStagedAsync(importId, RemoveBatchSize, ct);
            if (removed == 0)
            {
                await session.Imports.ForgetAsync(importId, ct);
                await session.CommitAsync(ct);
                return;
            }
            await session.CommitAsync(ct);
            await Task.Delay(database.PauseBetweenBatches, ct);
        }
    }

    /// <summary>
    /// The staged copies of a committed import's events, now in the feed: deleted in short transactions.
    /// If the database is out of reach they stay, out of the feed, taking only room.
    /// </summary>
    private async Task TryForgetStagedEventsAsync(Guid importId)
    {
        try
        {
            while (true)
            {
                await using var session = await database.BeginAsync(write: true, CancellationToken.None);
                var removed = await session.Events.RemoveStagedAsync(importId, RemoveBatchSize, CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
                if (removed == 0)
                {
                    return;
                }
                await Task.Delay(database.PauseBetweenBatches, CancellationToken.None);
            }
        }
        catch (Exception e) when (database.IsUnavailable(e))
        {
        }
    }

    /// <summary>Even when the import was cancelled; when the database is out of reach, the next import removes them.</summary>
    private async Task TryRemoveAsync(Guid importId)
    {
        try
        {
            await RemoveAsync(importId, CancellationToken.None);
        }
        catch (Exception e) when (database.IsUnavailable(e))
        {
            // Left invisible; removed as abandoned by the next import.
        }
    }
}
