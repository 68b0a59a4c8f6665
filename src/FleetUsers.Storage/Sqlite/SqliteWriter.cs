using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FleetUsers.Application.Ports;
using FleetUsers.Storage.Engine;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FleetUsers.Storage.Sqlite;

/// <summary>
/// Group commit. This process's write sessions take turns (one at a time, in arrival order) on one
/// long-lived connection, each in a savepoint of a shared transaction, the batch. A session that
/// commits releases its savepoint into the batch and waits; one that ends without committing (a
/// refusal, an exception) rolls back its savepoint alone. The batch is committed — one COMMIT, one
/// fsync (synchronous=FULL) — at the end of a turn when no other session waits for the next one, or
/// when it holds <see cref="MaxSessions"/>; only then are its sessions' commits answered, or all of
/// them failed (<see cref="WriteBatchFailedException"/>). So an idle process commits at once and
/// holds neither a batch nor the file's write lock, and a busy one pays one fsync per batch.
/// </summary>
internal sealed class SqliteWriter(Func<CancellationToken, Task<SqliteConnection>> open, TimeSpan turnTimeout) : IDisposable
{
    public const int MaxSessions = 64;

    private const string Savepoint = "session";

    private static readonly Meter Meter = new(StorageMeter.Name);
    private static readonly Histogram<int> BatchSessions = Meter.CreateHistogram(
        "fleetusers.sqlite.batch.sessions", "{session}", "Write sessions committed per SQLite transaction (group commit).",
        tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64] });

    // The writer's serial section, in its two parts: what the sessions do with the turn, and what the batch's COMMIT
    // (its pages written, the fsync, a checkpoint when SQLite runs one) takes. Their sum per second is how busy the writer is.
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    };

    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram(
        "fleetusers.sqlite.turn.duration", "s", "How long each write session held the SQLite writer's turn (from taking it to its savepoint's release or rollback).",
        tags: null, advice: DurationBuckets);

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "fleetusers.sqlite.commit.duration", "s", "A batch's COMMIT on the SQLite writer, fsync and any checkpoint included; no session holds the turn meanwhile.",
        tags: null, advice: DurationBuckets);

    // Released by whoever ends a turn; never disposed (a late give-up may still wait on it).
    private readonly SemaphoreSlim _turn = new(1, 1);

    // Sessions waiting for the turn: the one ending a turn leaves the batch open for them.
    private int _waiting;

    // Touched only by the holder of the turn.
    private SqliteConnection? _connection;
    private Batch? _batch;
    private bool _disposed;

    // When the session holding the turn took it (0 while none does: a commit of a batch left open).
    private long _sessionSince;

    public async Task<SessionScope> BeginAsync(CancellationToken ct)
    {
        await TakeTurnAsync(ct);
        _sessionSince = Stopwatch.GetTimestamp();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var batch = _batch ??= await BeginBatchAsync(ct);
            batch.Transaction.Save(Savepoint);
            return new Session(this, batch);
        }
        catch
        {
            EndTurn();
            throw;
        }
    }

    private async Task TakeTurnAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        var taken = false;
        try
        {
            taken = await _turn.WaitAsync(turnTimeout, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
            if (!taken)
            {
                // The last turn may have left the batch open for this waiter: someone must commit it
                // (after the decrement, or the turn taken here at once would count this waiter and leave it open again).
                _ = CommitLeftOpenAsync();
            }
        }
        if (!taken)
        {
            throw new TimeoutException($"No write turn within {turnTimeout.TotalSeconds:0} s: the database is busy.");
        }
    }

    /// <summary>Takes a turn of its own and ends it, which commits the batch if nobody else waits.</summary>
    private async Task CommitLeftOpenAsync()
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _turn.WaitAsync();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
        EndTurn();
    }

    private async Task<Batch> BeginBatchAsync(CancellationToken ct)
    {
        _connection ??= await open(ct);
        // IMMEDIATE: the file's write lock now (another process meets busy_timeout), so no statement
        // of the batch can fail later to upgrade its lock.
        return new Batch(_connection, _connection.BeginTransaction(deferred: false));
    }

    /// <summary>SQLite still holds the batch's transaction (some errors — I/O, disk full — roll it all back).</summary>
    private bool InTransaction => _connection is { } connection && raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>A session's turn ends: its savepoint released into the batch (<paramref name="keep"/>) or rolled back.</summary>
    private void EndSession(Batch batch, bool keep)
    {
        try
        {
            if (InTransaction)
            {
                if (keep)
                {
                    batch.Transaction.Release(Savepoint);
                    batch.Sessions++;
                }
                else
                {
                    batch.Transaction.Rollback(Savepoint);
                    batch.Transaction.Release(Savepoint);
                }
            }
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // The batch's state is unknown: none of it may be acknowledged.
            Fail(batch, e);
        }
        finally
        {
            EndTurn();
        }
    }

    /// <summary>
    /// Ends the turn: commits the batch if nobody waits for the next one (or it is full), then releases the turn. A
    /// session's turn (one that failed to start too: opening the file, BEGIN IMMEDIATE waiting on another process's
    /// lock) is recorded up to here, its COMMIT apart; the recording comes after the release, which it cannot hold up.
    /// </summary>
    private void EndTurn()
    {
        var sessionHeld = _sessionSince == 0 ? (TimeSpan?)null : Stopwatch.GetElapsedTime(_sessionSince);
        _sessionSince = 0;
        try
        {
            if (_batch is { } batch)
            {
                if (!InTransaction)
                {
                    Fail(batch, null);
                }
                else if (batch.Sessions >= MaxSessions || Volatile.Read(ref _waiting) == 0 || _disposed)
                {
                    Commit(batch);
                }
            }
        }
        finally
        {
            _turn.Release();
        }
        if (sessionHeld is { } held)
        {
            TurnDuration.Record(held.TotalSeconds);
        }
    }

    private void Commit(Batch batch)
    {
        _batch = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            batch.Transaction.Commit();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            Fail(batch, e);
            return;
        }
        CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        batch.Transaction.Dispose();
        if (batch.Sessions > 0)
        {
            BatchSessions.Record(batch.Sessions);
        }
        batch.Durable.TrySetResult();
    }

    /// <summary>Fails every session of the batch; the connection is closed (which rolls back what is left) and the next batch opens another.</summary>
    private void Fail(Batch batch, Exception? cause)
    {
        if (ReferenceEquals(_batch, batch))
        {
            _batch = null;
        }
        if (ReferenceEquals(_connection, batch.Connection))
        {
            _connection = null;
        }
        batch.Durable.TrySetException(new WriteBatchFailedException(cause));
        batch.Connection.Dispose();
    }

    /// <summary>At shutdown: after the turn in progress (whose end commits its batch), closes the connection.</summary>
    public void Dispose()
    {
        if (!_turn.Wait(turnTimeout))
        {
            return;
        }
        try
        {
            _disposed = true;
            if (_batch is { } batch)
            {
                Commit(batch);
            }
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _turn.Release();
        }
    }

    private sealed class Batch(SqliteConnection connection, SqliteTransaction transaction)
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteTransaction Transaction { get; } = transaction;

        /// <summary>Sessions whose savepoint was released into the batch.</summary>
        public int Sessions { get; set; }

        public TaskCompletionSource Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One write session: holds the turn from its start until it commits or is disposed.</summary>
    private sealed class Session(SqliteWriter writer, Batch batch) : SessionScope
    {
        // Sessions committed into the batch before this one began: what this one read may include their writes.
        private readonly bool _sawUndurableWrites = batch.Sessions > 0;
        private bool _holdsTurn = true;

        public override DbConnection Connection => batch.Connection;

        public override DbTransaction Transaction => batch.Transaction;

        public override async Task CommitAsync(CancellationToken ct)
        {
            if (!_holdsTurn)
            {
                throw new InvalidOperationException("The write session has already ended.");
            }
            _holdsTurn = false;
            writer.EndSession(batch, keep: true);
            // Not cancelled with the request: the write may be durable already, and the batch is at most one turn away.
            try
            {
                await batch.Durable.Task;
            }
            catch (WriteBatchFailedException e)
            {
                // A fresh exception per session: the batch's one is shared by all of them.
                throw new WriteBatchFailedException(e.InnerException);
            }
        }

        public override async ValueTask DisposeAsync()
        {
            if (!_holdsTurn)
            {
                return;
            }
            _holdsTurn = false;
            writer.EndSession(batch, keep: false);
            if (_sawUndurableWrites)
            {
                // A refusal may rest on what earlier sessions of the batch wrote (a name they took):
                // it is answered, as they are, once that is durable.
                await batch.Durable.Task.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
    }
}
