using System.Data.Common;
using Dapper;
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

    internal DbConnection Connection => _scope.Connection;

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
    public Task LockAsync(StorageLock name, CancellationToken ct) => Database.Dialect.LockAsync(this, (long)name, ct);

    /// <summary>Returns once the session's writes are durable (on SQLite, once the batch they were committed in is).</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await _scope.CommitAsync(ct);
        // Counted only once durable: a batch that fails to commit counts nothing.
        if (EventsAppended > 0)
        {
            EventMetrics.Written(EventsAppended);
            EventsAppended = 0;
        }
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
        var reader = await Connection.ExecuteReaderAsync(command);
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
        var errors = Database.Errors;
        try
        {
            return await Connection.ExecuteAsync(Command(sql, parameters, ct));
        }
        catch (DbException e) when (errors.UniqueIndexViolated(e) is { } index)
        {
            throw new UniqueViolationException(Engine.ErrorSorting.ValueOf(index), index, e);
        }
        catch (DbException e) when (errors.ForeignKeyViolated(e))
        {
            throw new ForeignKeyViolationException(e);
        }
    }
}
