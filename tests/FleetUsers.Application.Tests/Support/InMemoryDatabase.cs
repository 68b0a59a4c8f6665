using FleetUsers.Application.Changes;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Tests.Support;

/// <summary>
/// The ports the user and group use cases need, in memory: users, groups, both audit trails and the change
/// events of one database. A write session works on copies and publishes them on commit, so a refused change
/// leaves nothing behind, as a rolled-back transaction would. Stores a use case here does not
/// need are not provided.
/// </summary>
public sealed class InMemoryDatabase : IDatabase
{
    private readonly Lock _gate = new();

    internal Dictionary<Guid, UserAccount> Users { get; private set; } = [];

    internal List<Group> Groups { get; private set; } = [];

    internal List<AuditEntry> AuditEntries { get; private set; } = [];

    internal List<ChangeEvent> EventRows { get; private set; } = [];

    internal List<GroupAuditEntry> GroupAuditEntries { get; private set; } = [];

    public string Name => "memory";

    public string? LocalDirectory => null;

    public TimeSpan PauseBetweenBatches => TimeSpan.Zero;

    /// <summary>The audit trail as committed.</summary>
    public IReadOnlyList<AuditEntry> Audit
    {
        get
        {
            lock (_gate)
            {
                return [.. AuditEntries];
            }
        }
    }

    /// <summary>The change events as committed.</summary>
    public IReadOnlyList<ChangeEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. EventRows];
            }
        }
    }

    /// <summary>The group trail as committed.</summary>
    public IReadOnlyList<GroupAuditEntry> GroupTrail
    {
        get
        {
            lock (_gate)
            {
                return [.. GroupAuditEntries];
            }
        }
    }

    /// <summary>The group as committed; null when there is none.</summary>
    public Group? Group(Guid id)
    {
        lock (_gate)
        {
            return Groups.FirstOrDefault(g => g.Id == id);
        }
    }

    /// <summary>Every user as committed.</summary>
    public IReadOnlyList<UserAccount> AllUsers
    {
        get
        {
            lock (_gate)
            {
                return [.. Users.Values.Select(Copy)];
            }
        }
    }

    /// <summary>The user as committed.</summary>
    public UserAccount User(Guid id)
    {
        lock (_gate)
        {
            return Copy(Users[id]);
        }
    }

    public void Add(IEnumerable<Group> groups)
    {
        lock (_gate)
        {
            Groups.AddRange(groups);
        }
    }

    public void Add(UserAccount user)
    {
        lock (_gate)
        {
            Users[user.Id] = Copy(user);
        }
    }

    public Task<IStorageSession> BeginAsync(bool write, CancellationToken ct) => Task.FromResult<IStorageSession>(new Session(this));

    public Task<IStorageSession> BeginSnapshotAsync(CancellationToken ct) => BeginAsync(write: false, ct);

    public void Migrate()
    {
    }

    public Task<bool> PingAsync(CancellationToken ct) => Task.FromResult(true);

    public bool IsUnavailable(Exception exception) => false;

    public bool IsConnectionLost(Exception exception) => false;

    public void ForgetPooledConnections()
    {
    }

    internal static UserAccount Copy(UserAccount user) => new()
    {
        Id = user.Id,
        CompanyId = user.CompanyId,
        Profile = user.Profile,
        PasswordHash = user.PasswordHash,
        AllowSafetyEventDownload = user.AllowSafetyEventDownload,
        CreatedDate = user.CreatedDate,
        UpdatedDate = user.UpdatedDate,
        LastLoginDate = user.LastLoginDate,
        Version = user.Version,
        SecurityStamp = user.SecurityStamp,
    };

    /// <summary>Copies of the committed state, published by <see cref="CommitAsync"/>.</summary>
    private sealed class Session : IStorageSession
    {
        private readonly InMemoryDatabase _database;

        public Session(InMemoryDatabase database)
        {
            _database = database;
            lock (database._gate)
            {
                UserRows = database.Users.ToDictionary(p => p.Key, p => Copy(p.Value));
                GroupRows = [.. database.Groups];
                AuditRows = [.. database.AuditEntries];
                EventRows = [.. database.EventRows];
                GroupAuditRows = [.. database.GroupAuditEntries];
            }
            Users = new MemoryUsers(this);
            Groups = new MemoryGroups(this);
            Audit = new MemoryAudit(this);
            Events = new MemoryEvents(this);
            GroupAudit = new MemoryGroupAudit(this);
            Companies = new MemoryCompanies();
        }

        internal Dictionary<Guid, UserAccount> UserRows { get; }

        internal List<Group> GroupRows { get; }

        internal List<AuditEntry> AuditRows { get; }

        internal List<ChangeEvent> EventRows { get; }

        internal List<GroupAuditEntry> GroupAuditRows { get; }

        public IUserStore Users { get; }

        public IGroupStore Groups { get; }

        public IAuditStore Audit { get; }

        public IEventStore Events { get; }

        public ICompanyStore Companies { get; }

        public IGroupAuditStore GroupAudit { get; }

        public ILoginFailureStore LoginFailures => throw NotProvided();

        public IKnownAddressStore KnownAddresses => throw NotProvided();

        public IApiClientStore Clients => throw NotProvided();

        public IWebhookStore Webhooks => throw NotProvided();

        public IUserImportStore Imports => throw NotProvided();

        public Task LockAsync(StorageLock name, CancellationToken ct) => Task.CompletedTask;

        public Task SendWritesAsync(CancellationToken ct) => Task.CompletedTask;

        public Task CommitAsync(CancellationToken ct)
        {
            lock (_database._gate)
            {
                _database.Users = UserRows.ToDictionary(p => p.Key, p => Copy(p.Value));
                _database.Groups = [.. GroupRows];
                _database.AuditEntries = [.. AuditRows];
                _database.EventRows = [.. EventRows];
                _database.GroupAuditEntries = [.. GroupAuditRows];
            }
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static NotSupportedException NotProvided() => new("The in-memory database provides users, groups, the audit trails and the change events only.");
    }

    private sealed class MemoryUsers(Session session) : IUserStore
    {
        public Task<UserAccount?> FindAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct) =>
            Task.FromResult(session.UserRows.TryGetValue(userId, out var user) && user.CompanyId == companyId ? Copy(user) : null);

        public async Task<(UserAccount? User, GroupTree Tree)> FindWithTreeAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct) =>
            (await FindAsync(companyId, userId, forUpdate, ct), await session.Groups.LoadTreeAsync(companyId, ct));

        public Task<bool> IsUsernameTakenAsync(string username, Guid exceptUserId, CancellationToken ct) =>
            Task.FromResult(session.UserRows.Values.Any(u => u.Id != exceptUserId && NameKeys.Username(u.Username) == NameKeys.Username(username)));

        public Task<bool> IsEmployeeIdTakenAsync(Guid companyId, string employeeId, Guid exceptUserId, CancellationToken ct) =>
            Task.FromResult(session.UserRows.Values.Any(u => u.Id != exceptUserId && u.CompanyId == companyId
                && NameKeys.EmployeeId(u.Profile.EmployeeId) == NameKeys.EmployeeId(employeeId)));

        public Task InsertAsync(UserAccount user, CancellationToken ct)
        {
            session.UserRows.Add(user.Id, Copy(user));
            return Task.CompletedTask;
        }

        public Task UpdateAsync(UserAccount user, int expectedVersion, bool rolesChanged, CancellationToken ct)
        {
            if (!session.UserRows.TryGetValue(user.Id, out var stored) || stored.Version != expectedVersion)
            {
                throw new VersionMovedException();
            }
            session.UserRows[user.Id] = Copy(user);
            return Task.CompletedTask;
        }

        public Task<UserAccount?> FindByUsernameAsync(Guid companyId, string username, CancellationToken ct) => throw new NotSupportedException();

        public Task<UserAccount?> FindByEmployeeIdAsync(Guid companyId, string employeeId, CancellationToken ct) => throw new NotSupportedException();

        public Task<UserAccount?> FindForLoginAsync(string username, CancellationToken ct) => throw new NotSupportedException();

        public Task InsertManyAsync(IReadOnlyList<UserAccount> users, Guid importId, CancellationToken ct) => throw new NotSupportedException();

        public Task<HashSet<string>> TakenUsernamesAsync(IEnumerable<string> usernames, CancellationToken ct) => throw new NotSupportedException();

        public Task<HashSet<string>> TakenEmployeeIdsAsync(Guid companyId, IEnumerable<string> employeeIds, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task SetPasswordAsync(Guid userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<bool> DeleteAsync(Guid companyId, Guid userId, CancellationToken ct) => throw new NotSupportedException();

        public Task<(int Total, IReadOnlyList<UserAccount> Page)> ListAsync(UserListFilter filter, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<UserAccount>> PageAsync(UserListFilter filter, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> RecordLoginAsync(Guid userId, DateTimeOffset when, string verifiedHash, string securityStamp, string? rehashedPassword,
            CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class MemoryGroups(Session session) : IGroupStore
    {
        public Task<GroupTree> LoadTreeAsync(Guid companyId, CancellationToken ct) =>
            Task.FromResult(new GroupTree(session.GroupRows.Where(g => g.CompanyId == companyId)));

        public Task InsertAsync(Group group, CancellationToken ct)
        {
            session.GroupRows.Add(group);
            return Task.CompletedTask;
        }

        public Task InsertManyAsync(IReadOnlyList<Group> groups, CancellationToken ct) => throw new NotSupportedException();

        public Task UpdateAsync(Group group, CancellationToken ct)
        {
            session.GroupRows[session.GroupRows.FindIndex(g => g.Id == group.Id)] = group;
            return Task.CompletedTask;
        }

        public Task BumpRevisionsAsync(Guid companyId, IReadOnlyCollection<Guid> groupIds, DateTimeOffset now, CancellationToken ct)
        {
            for (var i = 0; i < session.GroupRows.Count; i++)
            {
                if (groupIds.Contains(session.GroupRows[i].Id))
                {
                    session.GroupRows[i] = session.GroupRows[i] with { UpdatedDate = now, Revision = session.GroupRows[i].Revision + 1 };
                }
            }
            return Task.CompletedTask;
        }

        public Task DeleteAsync(Guid companyId, Guid groupId, CancellationToken ct)
        {
            session.GroupRows.RemoveAll(g => g.Id == groupId && g.CompanyId == companyId);
            return Task.CompletedTask;
        }

        public Task<GroupMembers> MembersAsync(Guid groupId, int sample, IReadOnlyCollection<Guid>? readableGroups, CancellationToken ct)
        {
            var members = session.UserRows.Values.Where(u => u.GroupRoles.Any(r => r.GroupId == groupId)).ToList();
            var named = members.Where(u => readableGroups is null || u.GroupRoles.Any(r => readableGroups.Contains(r.GroupId)));
            return Task.FromResult(new GroupMembers(members.Count, [.. named.Select(u => u.Username).Order().Take(sample)], 0, []));
        }

        public Task<IReadOnlyDictionary<Guid, int>> UserCountsAsync(Guid companyId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyDictionary<Guid, ScimGroupState>> ScimStatesAsync(Guid companyId, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<ScimGroupState> ScimStateAsync(Guid companyId, Guid groupId, CancellationToken ct) => throw new NotSupportedException();

        public Task SetScimStateAsync(Guid companyId, Guid groupId, ScimGroupState state, CancellationToken ct) =>
            throw new NotSupportedException();
    }

    /// <summary>Changes to a tree take turns in a real database; here one test runs one change at a time.</summary>
    private sealed class MemoryCompanies : ICompanyStore
    {
        public Task LockTreeAsync(Guid companyId, CancellationToken ct) => Task.CompletedTask;

        public Task<bool> AnyAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task InsertAsync(Company company, CancellationToken ct) => throw new NotSupportedException();

        public Task<string?> NameAsync(Guid companyId, CancellationToken ct) => throw new NotSupportedException();

        public Task<IReadOnlyList<CompanySummary>> ListAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task SyncRoleCatalogAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> RoleCatalogIsCurrentAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class MemoryGroupAudit(Session session) : IGroupAuditStore
    {
        public Task AppendManyAsync(IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct)
        {
            session.GroupAuditRows.AddRange(entries);
            return Task.CompletedTask;
        }

        public Task<(int Total, IReadOnlyList<GroupAuditEntry> Page)> ListAsync(GroupAuditFilter filter, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<DeletedGroup>> DeletedSinceAsync(Guid companyId, DateTimeOffset since, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class MemoryAudit(Session session) : IAuditStore
    {
        public Task AppendAsync(AuditEntry entry, CancellationToken ct)
        {
            session.AuditRows.Add(entry);
            return Task.CompletedTask;
        }

        public Task AppendManyAsync(IEnumerable<AuditEntry> entries, Guid importId, CancellationToken ct) => throw new NotSupportedException();

        public Task<(int Total, IReadOnlyList<AuditEntry> Page)> ListAsync(Guid companyId, Guid? userId, int limit, int offset, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> PrepareMonthsAsync(DateTimeOffset now, CancellationToken ct) => Task.FromResult(true);

        public Task<long> DetachMonthsBeforeAsync(DateTimeOffset before, CancellationToken ct) => throw new NotSupportedException();

        public Task DropDetachedMonthsAsync(CancellationToken ct) => throw new NotSupportedException();
    }

    private sealed class MemoryEvents(Session session) : IEventStore
    {
        public Task AppendAsync(ChangeEvent change, CancellationToken ct)
        {
            session.EventRows.Add(change);
            return Task.CompletedTask;
        }

        public Task AppendManyAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken ct)
        {
            session.EventRows.AddRange(changes);
            return Task.CompletedTask;
        }

        // Imports are not held in memory (Imports throws too).
        public Task StageAsync(Guid importId, IReadOnlyList<ChangeEvent> changes, CancellationToken ct) => throw new NotSupportedException("The in-memory database holds no imports.");

        public Task<int> ReleaseStagedAsync(Guid importId, CancellationToken ct) => throw new NotSupportedException("The in-memory database holds no imports.");

        public Task<int> RemoveStagedAsync(Guid importId, int limit, CancellationToken ct) => throw new NotSupportedException("The in-memory database holds no imports.");

        public Task<IReadOnlyList<Guid>> CommittedImportsWithStagedEventsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<Guid>>([]);

        public Task<IReadOnlyList<StoredEvent>?> ReadAsync(Guid companyId, Guid? after, IReadOnlyCollection<string>? types, int limit,
            CancellationToken ct) => throw new NotSupportedException();

        public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) => throw new NotSupportedException();
    }
}
