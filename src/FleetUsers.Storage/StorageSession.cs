using System.Data.Common;
using Dapper;

namespace FleetUsers.Storage;

/// <summary>Locks that serialise work across every instance sharing the database.</summary>
public enum StorageLock : long
{
    /// <summary>First start on an empty database: only one instance creates the first company.</summary>
    Bootstrap = 0x466C656574426F6F,
}

/// <summary>
/// One connection and one transaction. Everything a request changes goes through one
/// session and is committed together, or not at all (disposing without commit rolls back).
/// </summary>
public sealed class StorageSession : IAsyncDisposable
{
    private readonly IDisposable? _writeTurn;

    internal StorageSession(Database database, DbConnection connection, DbTransaction? transaction, IDisposable? writeTurn)
    {
        _writeTurn = writeTurn;
        Database = database;
        Connection = connection;
        Transaction = transaction;
        Users = new UserStore(this);
        Groups = new GroupStore(this);
        Companies = new CompanyStore(this);
        Audit = new AuditStore(this);
        GroupAudit = new GroupAuditStore(this);
        LoginFailures = new LoginFailureStore(this);
        KnownAddresses = new KnownAddressStore(this);
        Clients = new ApiClientStore(this);
        Imports = new UserImportStore(this);
    }

    internal Database Database { get; }

    internal DbConnection Connection { get; }

    /// <summary>The write or snapshot transaction; null in a plain read session, whose statements run on their own.</summary>
    internal DbTransaction? Transaction { get; }

    public UserStore Users { get; }

    public GroupStore Groups { get; }

    public CompanyStore Companies { get; }

    public AuditStore Audit { get; }

    public GroupAuditStore GroupAudit { get; }

    public LoginFailureStore LoginFailures { get; }

    public KnownAddressStore KnownAddresses { get; }

    public ApiClientStore Clients { get; }

    public UserImportStore Imports { get; }

    /// <summary>Waits until no other session holds the named lock, then holds it until this one ends.</summary>
    public Task LockAsync(StorageLock name, CancellationToken cancellationToken) =>
        Database.LockAsync(this, (long)name, cancellationToken);

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }
        await Connection.DisposeAsync();
        _writeTurn?.Dispose();
    }

    internal CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, Transaction, Database.CommandTimeoutSeconds, cancellationToken: cancellationToken);

    /// <summary>
    /// Runs a write; a broken unique index becomes <see cref="UniqueViolationException"/>, a
    /// broken foreign key <see cref="ForeignKeyViolationException"/>.
    /// </summary>
    internal async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await Connection.ExecuteAsync(Command(sql, parameters, cancellationToken));
        }
        catch (DbException e) when (Database.UniqueIndexViolated(e) is { } index)
        {
            throw new UniqueViolationException(index, e);
        }
        catch (DbException e) when (Database.ForeignKeyViolated(e))
        {
            throw new ForeignKeyViolationException(e);
        }
    }
}
