using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;

namespace FleetUsers.Api.Groups;

// The shapes of the responses, named as in the Lytx Group API document; the request bodies are
// declared in GroupRequests.

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
