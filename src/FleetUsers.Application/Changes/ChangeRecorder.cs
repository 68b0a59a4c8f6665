using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Changes;

/// <summary>
/// The one place every write of a user or a group records what it changed, in the write's own
/// session: whatever fails afterwards takes the record back with the rest of the transaction, and a
/// change whose record cannot be written does not happen. Today the record is the audit entry;
/// API, command line, imports alike write through here, so whatever else a change must leave
/// behind (an event for others to read) is added here once.
/// </summary>
public sealed class ChangeRecorder
{
    /// <summary>The command line's operator: the operating-system account that ran it.</summary>
    public static AuditActor Operator => AuditActor.Operator(Environment.UserName);

    /// <summary>The user as changed by <paramref name="actor"/> from <paramref name="before"/> (null: created).</summary>
    public Task UserChangedAsync(IStorageSession session, AuditActor actor, string action, UserProfile? before, UserAccount after,
        bool passwordChanged, CancellationToken ct) =>
        session.Audit.AppendAsync(Entry(actor, action, before, after, passwordChanged), ct);

    /// <summary>The users of one batch of an import, each created by the operator, marked with the import.</summary>
    public Task UsersImportedAsync(IStorageSession session, IReadOnlyList<UserAccount> users, Guid importId, CancellationToken ct) =>
        session.Audit.AppendManyAsync(users.Select(u => Entry(Operator, AuditAction.Import, null, u, passwordChanged: false)), importId, ct);

    /// <summary>The group as it is after the change, placed in <paramref name="tree"/> (the tree after the change).</summary>
    public Task GroupChangedAsync(IStorageSession session, Caller caller, string action, Group group, GroupTree tree, CancellationToken ct) =>
        session.GroupAudit.AppendAsync(GroupEntries.Of(caller, action, group, tree), ct);

    /// <summary>A group removed at <paramref name="when"/>: as it was, placed where it was.</summary>
    public Task GroupDeletedAsync(IStorageSession session, Caller caller, Group group, GroupTree tree, DateTimeOffset when, CancellationToken ct) =>
        session.GroupAudit.AppendAsync(GroupEntries.Deleted(caller, group, tree, when), ct);

    /// <summary>The groups an import creates, each with the entry made when the import was planned.</summary>
    public Task GroupsImportedAsync(IStorageSession session, IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct) =>
        session.GroupAudit.AppendManyAsync(entries, ct);

    private static AuditEntry Entry(AuditActor actor, string action, UserProfile? before, UserAccount after, bool passwordChanged) =>
        new(Guid.CreateVersion7(after.UpdatedDate), after.CompanyId, after.Id, after.UpdatedDate, actor, action,
            UserChanges.Between(before, after.Profile, passwordChanged));
}
