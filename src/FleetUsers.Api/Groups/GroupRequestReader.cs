using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Api.Groups;

/// <summary>Reads the bodies and query strings of the Groups resource, reporting every problem at once.</summary>
public static class GroupRequestReader
{
    /// <summary>POST: name and parentId required, description optional.</summary>
    public static GroupDraft ForCreate(JsonElement body) =>
        Read(body, Presence.Optional, Presence.Required);

    /// <summary>PUT: full replacement, every key required; description and (for the root) parentId may be null.</summary>
    public static GroupDraft ForUpdate(JsonElement body) =>
        Read(body, Presence.RequiredNullable, Presence.RequiredNullable);

    /// <summary>GET /v1/groups: limit, offset, groupIds (repeatable or comma-separated), includeSubgroups, sort, order.</summary>
    public static GroupListQuery ReadList(IQueryCollection query)
    {
        var q = new QueryReader(query, "limit", "offset", "groupIds", "includeSubgroups", "sort", "order");
        var groupIds = q.Uuids("groupIds", commaSeparated: true);
        var result = ReadOrderAndPage(q) with
        {
            GroupIds = groupIds,
            IncludeSubgroups = q.Boolean("includeSubgroups") ?? false,
        };
        return q.Problems.Count == 0 ? result : throw new ValidationFailedException(q.Problems);
    }

    /// <summary>GET /v1/groups/{groupId}/descendants: limit, offset, sort, order.</summary>
    public static GroupListQuery ReadDescendants(IQueryCollection query)
    {
        var q = new QueryReader(query, "limit", "offset", "sort", "order");
        var result = ReadOrderAndPage(q);
        return q.Problems.Count == 0 ? result : throw new ValidationFailedException(q.Problems);
    }

    private static GroupDraft Read(JsonElement body, Presence description, Presence parentId)
    {
        var problems = new List<string>();
        var json = new JsonObjectReader(body, problems);
        var draft = new GroupDraft
        {
            Name = json.String("name", Presence.Required),
            Description = json.String("description", description),
            ParentId = json.Uuid("parentId", parentId),
        };
        json.RejectUnknown();
        return draft with { ReadProblems = problems };
    }

    private static GroupListQuery ReadOrderAndPage(QueryReader q)
    {
        var sort = q.Choice("sort", GroupSort.FullPath, "sort must be fullPath, name, createdDate or updatedDate");
        var descending = q.Descending();
        return new GroupListQuery
        {
            Limit = q.Integer("limit", 1, GroupListQuery.MaxLimit) ?? GroupListQuery.MaxLimit,
            Offset = q.Integer("offset", 0, int.MaxValue) ?? 0,
            Sort = sort ?? GroupSort.FullPath,
            Descending = descending,
        };
    }
}
