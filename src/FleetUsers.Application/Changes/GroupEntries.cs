using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Changes;

/// <summary>The entry of the group trail that a change of a group records: the group as it is after the change, placed in the tree.</summary>
public static class GroupEntries
{
    public static GroupAuditEntry Of(Caller caller, string action, Group group, GroupTree tree) =>
        Of(caller, action, group, tree.Root?.Id ?? group.Id, tree.FullPath(group.Id), tree.FullPathId(group.Id));

    /// <summary>A group removed at <paramref name="when"/>: as it was, placed where it was.</summary>
    public static GroupAuditEntry Deleted(Caller caller, Group group, GroupTree tree, DateTimeOffset when) =>
        Of(caller, GroupAuditAction.Delete, group with { UpdatedDate = when }, tree) with { OccurredAt = when, DeletedDate = when };

    public static GroupAuditEntry Of(Caller caller, string action, Group group, Guid rootGroupId, string fullPath, string fullPathId) => new()
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
