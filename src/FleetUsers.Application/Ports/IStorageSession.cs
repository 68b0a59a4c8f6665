namespace FleetUsers.Application.Ports;

/// <summary>Locks that serialise work across every instance sharing the database.</summary>
public enum StorageLock : long
{
    /// <summary>First start on an empty database: only one instance creates the first company.</summary>
    Bootstrap = 0x466C656574426F6F,

    /// <summary>Creating or dropping the audit trail's monthly partitions (PostgreSQL): one instance at a time.</summary>
    AuditMonths = 0x466C656574417564,
}

/// <summary>
/// One connection and (for writes and snapshots) one transaction, with the stores that work in
/// it. Everything a change writes goes through one session and is committed together, or not at
/// all: disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
public interface IStorageSession : IAsyncDisposable
{
    IUserStore Users { get; }

    IGroupStore Groups { get; }

    ICompanyStore Companies { get; }

    IAuditStore Audit { get; }

    IGroupAuditStore GroupAudit { get; }

    ILoginFailureStore LoginFailures { get; }

    IKnownAddressStore KnownAddresses { get; }

    IApiClientStore Clients { get; }

    IUserImportStore Imports { get; }

    IEventStore Events { get; }

    IWebhookStore Webhooks { get; }

    /// <summary>Waits until no other session holds the named lock, then holds it until this one ends.</summary>
    Task LockAsync(StorageLock name, CancellationToken ct);

    /// <summary>
    /// Sends the writes the session holds back (an engine that batches them sends them with the commit, or
    /// before the session's next read): a write's refusal (409, 412) then comes from here, not from a later read.
    /// </summary>
    Task SendWritesAsync(CancellationToken ct);

    Task CommitAsync(CancellationToken ct);
}

/// <summary>What a unique index refused: the value another row holds already.</summary>
public enum UniqueValue
{
    Username,
    EmployeeId,
    GroupName,
    Other,
}

/// <summary>A write broke a unique index: a username, employee id or sibling group name that is already taken.</summary>
public sealed class UniqueViolationException(UniqueValue value, string index, Exception inner)
    : Exception($"Unique index violated: {index}", inner)
{
    public UniqueValue Value { get; } = value;

    /// <summary>The index (or, on SQLite, the columns) as the engine named it.</summary>
    public string Index { get; } = index;

    public bool IsUsername => Value == UniqueValue.Username;

    public bool IsEmployeeId => Value == UniqueValue.EmployeeId;

    public bool IsGroupName => Value == UniqueValue.GroupName;
}

/// <summary>A write broke a foreign key: it removed a row still referenced, or referenced a row another request removed.</summary>
public sealed class ForeignKeyViolationException(Exception inner) : Exception("Foreign key violated", inner);

/// <summary>A write guarded by the row's version found another version: another request changed the row first.</summary>
public sealed class VersionMovedException() : Exception("The row's version moved");
