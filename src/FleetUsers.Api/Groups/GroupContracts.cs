using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;

namespace FleetUsers.Api.Groups;

// The shapes clients see, named as in the Lytx Group API document. Request bodies are read by
// GroupRequestReader (to report every problem at once); the request records describe them for
// the OpenAPI document.

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
    /// <summary>With <paramref name="encodeFullPath"/>, fullPath is percent-encoded (RFC 3986: a backslash is %5C, a space %20).</summary>
    public static GroupResponse From(GroupDetails d, bool encodeFullPath = false) => new(d.Group.Id, d.Group.Name, d.Group.Description,
        d.Group.ParentId, d.RootGroupId, encodeFullPath ? Uri.EscapeDataString(d.FullPath) : d.FullPath, d.FullPathId,
        d.Group.CreatedDate, d.Group.UpdatedDate, d.Group.Revision);
}

public sealed record GroupListResponse(IReadOnlyList<GroupResponse> Groups, ListMetadata Metadata)
{
    public static GroupListResponse From(GroupPage page, bool encodeFullPath) =>
        new(page.Groups.Select(g => GroupResponse.From(g, encodeFullPath)).ToList(), new ListMetadata(page.Total, page.Limit, page.Offset));
}

[Description("A new group under a parent the caller is Group Manager over.")]
public sealed record AddGroupRequest(
    [property: Required, Description("1 to 100 characters, no backslash; unique among the parent's children, ignoring letter case.")] string Name,
    [property: Required, Description("The group to create it under; the new group may be at most at level 13 (the root is level 1).")] Guid ParentId,
    [property: Description("At most 500 characters.")] string? Description = null);

[Description("A partial edit: rename, describe, move. No key is required; a key left out keeps its value.")]
public sealed record EditGroupRequest(
    [property: Description("1 to 100 characters, no backslash; unique among the new parent's children, ignoring letter case. Not null.")] string? Name = null,
    [property: Description("At most 500 characters; null or empty removes it.")] string? Description = null,
    [property: Description("The new parent (moves the group and everything below it); not null, and not sent for the root. Needs Group Manager over the new parent too.")] Guid? ParentId = null);
