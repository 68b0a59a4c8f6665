using System.Data.Common;
using Dapper;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Ports;
using FleetUsers.Storage.Engine;
using FleetUsers.Storage.Stores;

namespace FleetUsers.Storage;

/// <summary>
/// One connection and one transaction. Everything a request changes goes through one
/// session and is committed together, or not at all (disposing without commit rolls back).
/// </summary>
public sealed class SqlSession : IStorageSession
{
    private readonly SessionScope _scope;

    /// <summary>The remembered caller's confirmation the request owes, if any: the request's first session to run a statement sends it.</summary>
    private readonly CallerConfirmation? _confirmation = CallerConfirmation.Current;

    internal SqlSession(SqlDatabase database, SessionScope scope)
    {
        _scope = scope;
        Database = database;
        Users = new UserStore(this);
        Groups = new GroupStore(this);
        Companies = new CompanyStore(this);
        Audit = new AuditStore(this);
        GroupAudit = new GroupAuditStore(this);
        LoginFailures = new LoginFailureStore(this);
        KnownAddresses = new KnownAddressStore(this);
        Clients = new ApiClientStore(this);
        Imports = new UserImportStore(this);
        Events = new EventStore(this);
        Webhooks = new WebhookStore(this);
    }

    internal SqlDatabase Database { get; }

    /// <summary>The connection as it is: for a read, <see cref="ConnectionAsync"/> (which sends held-back writes first).</summary>
    internal DbConnection Connection => _scope.Connection;

    /// <summary>The connection, once the writes this session held back are sent: every read sees the session's own writes.</summary>
    internal async ValueTask<DbConnection> ConnectionAsync(CancellationToken ct)
    {
        await SendWritesAsync(ct);
        await ConfirmCallerAsync(ct);
        return _scope.Connection;
    }

    /// <summary>
    /// The caller's confirmation to send with a batch of reads (<see cref="ReadBatch"/>), when the request owes it
    /// and this session is the first to run a statement; then the batch sends it, and settles it.
    /// </summary>
    internal CallerConfirmation? TakeCallerConfirmation() => _confirmation is { } owed && owed.TakeToSend() ? owed : null;

    /// <summary>Sends the caller's confirmation on its own, when this session must (see <see cref="TakeCallerConfirmation"/>).</summary>
    private async Task ConfirmCallerAsync(CancellationToken ct)
    {
        if (TakeCallerConfirmation() is { } owed)
        {
            owed.Settle(await _scope.Connection.ExecuteScalarAsync<int?>(Command(UserStore.CallerVersionSql, UserStore.CallerVersionParameters(owed), ct)));
        }
    }

    /// <summary>Writes whose result nothing reads before the commit, held back to go with it in one batch (see <see cref="WriteWithCommitAsync"/>).</summary>
    private readonly List<(string Sql, object? Parameters)> _heldBack = [];

    /// <summary>
    /// Whether this session holds writes back until its commit: a write transaction on an engine whose
    /// connections make batches. There the writes and the COMMIT go in one round trip.
    /// </summary>
    internal bool BatchesWrites => Transaction is not null && _scope.Connection.CanCreateBatch;

    /// <summary>The write or snapshot transaction; null in a plain read session, whose statements run on their own.</summary>
    internal DbTransaction? Transaction => _scope.Transaction;

    public IUserStore Users { get; }

    public IGroupStore Groups { get; }

    public ICompanyStore Companies { get; }

    public IAuditStore Audit { get; }

    public IGroupAuditStore GroupAudit { get; }

    public ILoginFailureStore LoginFailures { get; }

    public IKnownAddressStore KnownAddresses { get; }

    public IApiClientStore Clients { get; }

    public IUserImportStore Imports { get; }

    public IEventStore Events { get; }

    public IWebhookStore Webhooks { get; }

    /// <summary>Events this session appended: counted as written when it commits.</summary>
    internal int EventsAppended { get; set; }

    /// <summary>Waits until no other session holds the named lock, then holds it until this one ends.</summary>
    public Task LockAsync(StorageLock name, CancellationToken ct) => Database.Dialect.LockAsync(this, [(long)name], ct);

    /// <summary>Returns once the session's writes are durable (on SQLite, once the batch they were committed in is).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        if (_heldBack.Count > 0)
        {
            await SendHeldBackAsync(commit: true, ct);
        }
        else
        {
            await _scope.CommitAsync(ct);
        }
        // Counted only once durable: a batch that fails to commit counts nothing.
        if (EventsAppended > 0)
        {
            EventMetrics.Written(EventsAppended);
            EventsAppended = 0;
        }
    }

    public async Task SendWritesAsync(CancellationToken ct)
    {
        if (_heldBack.Count > 0)
        {
            await SendHeldBackAsync(commit: false, ct);
        }
    }

    /// <summary>
    /// A write whose result nothing reads before the commit (an audit entry, an event, a row guarded by its
    /// version): held back where <see cref="BatchesWrites"/>, run at once elsewhere. Its refusal (a unique index,
    /// a foreign key, the guard) is raised where the held-back writes are sent: the commit, or the session's next statement.
    /// </summary>
    internal async Task WriteWithCommitAsync(string sql, object? parameters, CancellationToken ct)
    {
        if (BatchesWrites)
        {
            await ConfirmCallerAsync(ct); // before the request's first write is even held back
            _heldBack.Add((sql, parameters));
            return;
        }
        await ExecuteAsync(sql, parameters, ct);
    }

    /// <summary>
    /// The held-back writes in one batch, with the COMMIT when <paramref name="commit"/>: one round trip. A statement
    /// that fails stops the batch there and the server skips the rest, COMMIT included: the transaction is
    /// then failed and ends in a rollback, so a refused batch changes nothing.
    /// </summary>
    private async Task SendHeldBackAsync(bool commit, CancellationToken ct)
    {
        await using var batch = StatementBatch.Create(this);
        foreach (var (sql, parameters) in _heldBack)
        {
            StatementBatch.Add(batch, sql, parameters);
        }
        _heldBack.Clear();
        if (commit)
        {
            // Npgsql sees the transaction end in the server's answer; the session's transaction is then completed
            // and its disposal does nothing (tests count the round trips, so a ROLLBACK sent after it would show).
            StatementBatch.Add(batch, "COMMIT", null);
        }
        await SortingErrorsAsync(() => batch.ExecuteNonQueryAsync(ct));
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();

    /// <summary>
    /// Runs a query and hands its reader to <paramref name="read"/>. The reader is disposed asynchronously and then
    /// synchronously as well, for its command's sake: Dapper's reader disposes its command in Dispose but not in
    /// DisposeAsync (DapperLib/Dapper#2185), and Microsoft.Data.Sqlite keeps each command not disposed in a list the
    /// connection holds for its whole life. On SQLite's long-lived writer connection that list grew by one entry per
    /// PUT for good, and every command's disposal walked it (3.6 % of the CPU of PUT after 10 s of load).
    /// </summary>
    internal async Task<T> ReadAsync<T>(CommandDefinition command, Func<DbDataReader, Task<T>> read)
    {
        var reader = await (await ConnectionAsync(command.CancellationToken)).ExecuteReaderAsync(command);
        try
        {
            return await read(reader);
        }
        finally
        {
            await reader.DisposeAsync();
            reader.Dispose();
        }
    }

    internal CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, Database.CommandTimeoutSeconds, cancellationToken: ct);

    /// <summary>
    /// Runs a write; a broken unique index becomes <see cref="UniqueViolationException"/>, a
    /// broken foreign key <see cref="ForeignKeyViolationException"/>.
    /// </summary>
    internal async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return await SortingErrorsAsync(() => connection.ExecuteAsync(Command(sql, parameters, ct)));
    }

    /// <summary>
    /// A write's refusals as the use cases know them: a broken unique index (<see cref="UniqueViolationException"/>),
    /// foreign key (<see cref="ForeignKeyViolationException"/>) or version guard (<see cref="VersionMovedException"/>).
    /// </summary>
    private async Task<int> SortingErrorsAsync(Func<Task<int>> write)
    {
        var errors = Database.Errors;
        try
        {
            return await write();
        }
        catch (DbException e) when (errors.UniqueIndexViolated(e) is { } index)
        {
            throw new UniqueViolationException(Engine.ErrorSorting.ValueOf(index), index, e);
        }
        catch (DbException e) when (errors.ForeignKeyViolated(e))
        {
            throw new ForeignKeyViolationException(e);
        }
        catch (DbException e) when (errors.GuardFailed(e))
        {
            throw new VersionMovedException();
        }
    }
}
