using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;

namespace FleetUsers.Api.Groups;

/// <summary>
/// One entry of the group trail, in the vendor's AuditLog shape: the group as it was right after
/// the change, and the actor. username, firstName, lastName, email and employeeId are null unless
/// the caller may read that user.
/// </summary>
public sealed record GroupAuditLogResponse(
    Guid Id,
    string Action,
    string Name,
    string? Description,
    Guid? ParentId,
    Guid RootGroupId,
    string FullPath,
    string FullPathId,
    int Revision,
    DateTimeOffset CreatedDate,
    DateTimeOffset UpdatedDate,
    DateTimeOffset? DeletedDate,
    bool IsDeleted,
    Guid UserId,
    string? Username,
    string? FirstName,
    string? LastName,
    string? Email,
    string? EmployeeId)
{
    public static GroupAuditLogResponse From(GroupAuditRecord r)
    {
        var e = r.Entry;
        var actor = r.ReadableActor;
        return new(e.GroupId, e.Action, e.Name, e.Description, e.ParentId, e.RootGroupId, e.FullPath, e.FullPathId, e.Revision,
            e.CreatedDate, e.UpdatedDate, e.DeletedDate, e.DeletedDate is not null, r.ActorId,
            actor?.Username, actor?.FirstName, actor?.LastName, actor?.Email, actor?.EmployeeId);
    }
}

public sealed record GroupAuditLogListResponse(IReadOnlyList<GroupAuditLogResponse> Data, ListMetadata Metadata)
{
    public static GroupAuditLogListResponse From(GroupAuditPage page) =>
        new(page.Entries.Select(GroupAuditLogResponse.From).ToList(), new ListMetadata(page.Total, page.Limit, page.Offset));
}
