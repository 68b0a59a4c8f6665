using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Groups;

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

public sealed record GroupListMetadata(int Count, int Limit, int Offset);

public sealed record GroupListResponse(IReadOnlyList<GroupResponse> Groups, GroupListMetadata Metadata);

/// <summary>The Groups resource (reading): /v1/groups.</summary>
public static class GroupsApi
{
    public const int MaxLimit = 10_000;

    public static void MapGroupsApi(this RouteGroupBuilder v1)
    {
        var groups = v1.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", ListAsync)
            .WithName("ListGroups").WithSummary("The groups the caller can reach, in tree order.")
            .WithQueryParameters(
                QueryParameter.Integer("limit", "1 to 10000; default 10000."),
                QueryParameter.Integer("offset", "Default 0."))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest);
        groups.MapGet("/{groupId}", GetAsync)
            .WithName("GetGroup").WithSummary("One group the caller can reach.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<GroupListResponse>> ListAsync(HttpContext http, GroupService groups)
    {
        var query = new QueryReader(http.Request.Query, "limit", "offset");
        var limit = query.Integer("limit", 1, MaxLimit) ?? MaxLimit;
        var offset = query.Integer("offset", 0, int.MaxValue) ?? 0;
        if (query.Problems.Count > 0)
        {
            throw new ValidationFailedException(query.Problems);
        }
        var page = await groups.ListAsync(CallerFilter.Of(http), limit, offset, http.RequestAborted);
        return TypedResults.Ok(new GroupListResponse(
            page.Groups.Select(GroupResponse.From).ToList(), new GroupListMetadata(page.Total, page.Limit, page.Offset)));
    }

    private static async Task<Ok<GroupResponse>> GetAsync(string groupId, HttpContext http, GroupService groups)
    {
        var id = Guid.TryParse(groupId, out var parsed) ? parsed : throw new ValidationFailedException(["groupId must be a UUID"]);
        return TypedResults.Ok(GroupResponse.From(await groups.GetAsync(CallerFilter.Of(http), id, http.RequestAborted)));
    }
}
