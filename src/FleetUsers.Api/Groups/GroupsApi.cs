using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Groups;
using FleetUsers.Domain.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Groups;

/// <summary>The Groups resource: /v1/groups (the bulk operations and the trail are in <see cref="GroupBulkApi"/>).</summary>
public static class GroupsApi
{
    public static void MapGroupsApi(this RouteGroupBuilder v1)
    {
        var groups = v1.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/", ListAsync)
            .WithName("ListGroups").WithSummary("The groups the caller can reach, in tree order (by fullPath) unless sorted otherwise.")
            .WithQueryParameters(GroupRequestReader.ListParameters)
            .WithMetadata(new OpenApiExamples(null, GroupSamples.List))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        groups.MapGet("/{groupId}", GetAsync)
            .WithName("GetGroup").WithSummary("One group the caller can reach; the ETag is its revision.")
            .WithQueryParameters(GroupRequestReader.GetParameters)
            .WithMetadata(new OpenApiExamples(null, GroupSamples.Group))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        groups.MapGet("/{groupId}/descendants", DescendantsAsync)
            .WithName("ListGroupDescendantIds").WithSummary("The ids of the groups below the group, level by level (siblings by name).")
            .WithQueryParameters(GroupRequestReader.DescendantsParameters)
            .WithMetadata(new OpenApiExamples(null, GroupSamples.Descendants))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        groups.MapPost("/", CreateAsync)
            .WithName("CreateGroup").WithSummary("Create a group; needs Group Manager over the parent.")
            .WithDescription($"400 \"{GroupLimits.DepthExceeded}\" below a group at level {GroupLimits.MaxDepth}; 409 for a sibling's name, or when the company has as many groups as it may.")
            .AcceptsJson(GroupRequests.Add)
            .WithMetadata(new OpenApiExamples(GroupSamples.AddRequest, GroupSamples.Group, "201"))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        groups.MapPut("/{groupId}", UpdateAsync)
            .WithName("UpdateGroup").WithSummary("Rename, describe or move a group (keys left out keep their value); needs Group Manager over it (and over a new parent).")
            .WithDescription($"400 \"{GroupLimits.DepthExceeded}\" when the move would put a group below level {GroupLimits.MaxDepth}; 403 also when the move would give the caller a role over groups where it does not hold that role.")
            .AcceptsJson(GroupRequests.Edit)
            .WithMetadata(new OpenApiExamples(GroupSamples.EditRequest, GroupSamples.Group))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict)
            .Produces<ErrorBody>(StatusCodes.Status412PreconditionFailed);
        groups.MapDelete("/{groupId}", DeleteAsync)
            .WithName("DeleteGroup").WithSummary("Remove a group without subgroups, users or API clients; needs Group Manager over it.")
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
    }

    private static async Task<Ok<GroupListResponse>> ListAsync(HttpContext http, ListGroups groups)
    {
        var (query, encode) = GroupRequestReader.ReadList(http.Request.Query);
        return TypedResults.Ok(GroupListResponse.From(await groups.ExecuteAsync(CallerFilter.Of(http), query, http.RequestAborted), encode));
    }

    private static async Task<Ok<GroupResponse>> GetAsync(string groupId, HttpContext http, GetGroup groups)
    {
        var id = QueryReader.PathId("groupId", groupId);
        var encode = GroupRequestReader.ReadGet(http.Request.Query);
        return WithETag(http, await groups.ExecuteAsync(CallerFilter.Of(http), id, http.RequestAborted), encode);
    }

    private static async Task<Ok<IReadOnlyList<Guid>>> DescendantsAsync(string groupId, HttpContext http, GetGroup groups)
    {
        var id = QueryReader.PathId("groupId", groupId);
        var depth = GroupRequestReader.ReadDescendants(http.Request.Query);
        return TypedResults.Ok(await groups.DescendantsAsync(CallerFilter.Of(http), id, depth, http.RequestAborted));
    }

    private static async Task<Created<GroupResponse>> CreateAsync(HttpContext http, JsonRequest json, CreateGroup groups)
    {
        using var body = await json.ReadAsync(http.Request);
        var group = await groups.ExecuteAsync(CallerFilter.Of(http), GroupRequestReader.ForCreate(body.RootElement), http.RequestAborted);
        ETags.Set(http.Response, group.Group.Revision);
        return TypedResults.Created($"/v1/groups/{group.Group.Id}", GroupResponse.From(group));
    }

    private static async Task<Ok<GroupResponse>> UpdateAsync(string groupId, HttpContext http, JsonRequest json, EditGroup groups)
    {
        var id = QueryReader.PathId("groupId", groupId);
        using var body = await json.ReadAsync(http.Request);
        var group = await groups.ExecuteAsync(CallerFilter.Of(http), id, GroupRequestReader.ForUpdate(body.RootElement),
            ETags.IfMatch(http.Request), http.RequestAborted);
        return WithETag(http, group);
    }

    private static async Task<NoContent> DeleteAsync(string groupId, HttpContext http, DeleteGroup groups)
    {
        var id = QueryReader.PathId("groupId", groupId);
        await groups.ExecuteAsync(CallerFilter.Of(http), id, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static Ok<GroupResponse> WithETag(HttpContext http, GroupDetails group, bool encodeFullPath = false)
    {
        ETags.Set(http.Response, group.Group.Revision);
        return TypedResults.Ok(GroupResponse.From(group, encodeFullPath));
    }
}
