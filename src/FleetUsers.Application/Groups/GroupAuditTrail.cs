using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Storage;

namespace FleetUsers.Application.Groups;

/// <summary>Writes a group change's entry into the change's own session, so both commit together or neither does.</summary>
public static class GroupAuditTrail
{
    /// <summary>The group as it is after the change, placed in <paramref name="tree"/> (the tree after the change).</summary>
    public static Task AppendAsync(StorageSession session, Caller caller, string action, Group group, GroupTree tree, CancellationToken ct) =>
        session.GroupAudit.AppendAsync(Entry(caller, action, group, tree.Root?.Id ?? group.Id, tree.FullPath(group.Id), tree.FullPathId(group.Id)), ct);

    /// <summary>A group removed at <paramref name="when"/>: as it was, placed where it was.</summary>
    public static Task AppendDeletedAsync(StorageSession session, Caller caller, Group group, GroupTree tree, DateTimeOffset when, CancellationToken ct) =>
        session.GroupAudit.AppendAsync(
            Entry(caller, GroupAuditAction.Delete, group with { UpdatedDate = when }, tree.Root?.Id ?? group.Id,
                tree.FullPath(group.Id), tree.FullPathId(group.Id)) with { OccurredAt = when, DeletedDate = when }, ct);

    public static GroupAuditEntry Entry(Caller caller, string action, Group group, Guid rootGroupId, string fullPath, string fullPathId) => new()
    {
        Id = Guid.CreateVersion7(group.UpdatedDate),
        CompanyId = group.CompanyId,
        GroupId = group.Id,
        Action = action,
        OccurredAt = group.UpdatedDate,
        Actor = caller.Actor,
        Name = group.Name,
        Description = group.Description,
        ParentId = group.ParentId,
        RootGroupId = rootGroupId,
        FullPath = fullPath,
        FullPathId = fullPathId,
        Revision = group.Revision,
        CreatedDate = group.CreatedDate,
        UpdatedDate = group.UpdatedDate,
    };
}
