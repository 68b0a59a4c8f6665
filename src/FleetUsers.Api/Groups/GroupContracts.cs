using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;

namespace FleetUsers.Api.Groups;

// The shapes clients see. Request bodies are read by GroupBodyReader (to report every
// problem at once); the request records describe them for the OpenAPI document.

/// <summary>The contract's Group object.</summary>
public sealed record GroupResponse(
    Guid Id,
    string Name,
    string? Description,
    Guid? ParentId,
    Guid RootGroupId,
    string FullPath,
    string FullPathId,
    DateTimeOffset CreatedDate,
    DateTimeOffset UpdatedDate,
    int Revision)
{
    public static GroupResponse From(GroupDetails d) => new(d.Group.Id, d.Group.Name, d.Group.Description, d.Group.ParentId,
        d.RootGroupId, d.FullPath, d.FullPathId, d.Group.CreatedDate, d.Group.UpdatedDate, d.Group.Revision);
}

public sealed record GroupListResponse(IReadOnlyList<GroupResponse> Groups, ListMetadata Metadata)
{
    public static GroupListResponse From(GroupPage page) =>
        new(page.Groups.Select(GroupResponse.From).ToList(), new ListMetadata(page.Total, page.Limit, page.Offset));
}

[Description("A new group under a parent the caller is Group Manager over.")]
public sealed record CreateGroupRequest(
    [property: Required, Description("1 to 100 characters, no backslash; unique among the parent's children, ignoring letter case.")] string Name,
    [property: Required, Description("The group to create it under.")] Guid ParentId,
    [property: Description("At most 500 characters.")] string? Description = null);

[Description("Full replacement of the group's editable state: rename, describe, move. Every key is required.")]
public sealed record UpdateGroupRequest(
    [property: Required, Description("1 to 100 characters, no backslash; unique among the new parent's children, ignoring letter case.")] string Name,
    [property: Required, Description("At most 500 characters; null or empty removes it.")] string? Description,
    [property: Required, Description("The new (or same) parent; null only for the root group. Moving needs Group Manager over the new parent too.")] Guid? ParentId);
