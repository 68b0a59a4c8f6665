using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Api.Groups;

/// <summary>Reads the bodies and query strings of the Groups resource, reporting every problem at once.</summary>
public static class GroupRequestReader
{
    /// <summary>POST (the vendor's AddGroupRequest): name and parentId required, description optional.</summary>
    public static GroupDraft ForCreate(JsonElement body) => Read(body, GroupRequests.Add);

    /// <summary>
    /// PUT (the vendor's EditGroupRequest): no key is required; a key left out keeps its value.
    /// A null description clears it; name and parentId, when sent, must have a value.
    /// </summary>
    public static GroupDraft ForUpdate(JsonElement body) => Read(body, GroupRequests.Edit);

    private static readonly QueryParameter EncodeFullPath = QueryParameter.Boolean("encodeFullPath",
        "true: fullPath is percent-encoded (a backslash as %5C). Default false: every example of the vendor's document shows plain paths.");

    /// <summary>GET /v1/groups: what the document shows and the reader accepts.</summary>
    public static readonly QueryParameter[] ListParameters =
    [
        QueryParameter.Integer("limit", $"1 to {GroupListQuery.MaxLimit}; default {GroupListQuery.MaxLimit}."),
        QueryParameter.Integer("offset", "Default 0."),
        QueryParameter.Uuid("groupIds", "Only these groups (repeatable, or comma-separated).", repeatable: true),
        QueryParameter.Boolean("includeSubgroups", "With groupIds: also every group below them."),
        QueryParameter.Text("sort", "fullPath (default), name, createdDate or updatedDate."),
        QueryParameter.Text("order", "asc (default) or desc."),
        EncodeFullPath,
    ];

    /// <summary>GET /v1/groups/{groupId}.</summary>
    public static readonly QueryParameter[] GetParameters = [EncodeFullPath];

    /// <summary>GET /v1/groups/{groupId}/descendants.</summary>
    public static readonly QueryParameter[] DescendantsParameters =
    [
        QueryParameter.Integer("depth",
            "How many levels: absent or 1 the children, 2 also the grandchildren, and so on; 0 (or more than the tree has) every level."),
    ];

    /// <summary>GET /v1/groups: limit, offset, groupIds (repeatable or comma-separated), includeSubgroups, sort, order, encodeFullPath.</summary>
    public static (GroupListQuery Query, bool EncodeFullPath) ReadList(IQueryCollection query)
    {
        var q = new QueryReader(query, ListParameters);
        var groupIds = q.Uuids("groupIds", commaSeparated: true);
        var sort = q.Choice("sort", GroupSort.FullPath, "sort must be fullPath, name, createdDate or updatedDate");
        var result = new GroupListQuery
        {
            Limit = q.Integer("limit", 1, GroupListQuery.MaxLimit) ?? GroupListQuery.MaxLimit,
            Offset = q.Integer("offset", 0, int.MaxValue) ?? 0,
            Sort = sort ?? GroupSort.FullPath,
            Descending = q.Descending(),
            GroupIds = groupIds,
            IncludeSubgroups = q.Boolean("includeSubgroups") ?? false,
        };
        var encode = q.Boolean("encodeFullPath") ?? false;
        return q.Problems.Count == 0 ? (result, encode) : throw new ValidationFailedException(q.Problems);
    }

    /// <summary>GET /v1/groups/{groupId}: encodeFullPath.</summary>
    public static bool ReadGet(IQueryCollection query)
    {
        var q = new QueryReader(query, GetParameters);
        var encode = q.Boolean("encodeFullPath") ?? false;
        return q.Problems.Count == 0 ? encode : throw new ValidationFailedException(q.Problems);
    }

    /// <summary>GET /v1/groups/{groupId}/descendants: depth (absent or 1: children; 0: every level).</summary>
    public static int ReadDescendants(IQueryCollection query)
    {
        var q = new QueryReader(query, DescendantsParameters);
        var depth = q.Integer("depth", 0, int.MaxValue) ?? 1;
        return q.Problems.Count == 0 ? depth : throw new ValidationFailedException(q.Problems);
    }

    private static GroupDraft Read(JsonElement body, BodyShape shape)
    {
        var problems = new List<string>();
        var json = new JsonObjectReader(body, problems);
        var values = json.Read(shape);
        var draft = new GroupDraft
        {
            Name = values.String("name"),
            Description = values.String("description"),
            ParentId = values.Uuid("parentId"),
            HasName = json.Has("name"),
            HasDescription = json.Has("description"),
            HasParentId = json.Has("parentId"),
        };
        json.RejectUnknown();
        return draft with { ReadProblems = problems };
    }
}
