using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Users;

/// <summary>The Users resource: /v1/users.</summary>
public static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder v1)
    {
        var users = v1.MapGroup("/users").WithTags("Users");

        users.MapGet("/roles", () => TypedResults.Ok(RoleCatalog.All))
            .WithName("ListRoles").WithSummary("The role catalogue, the same for every company.")
            .Produces(StatusCodes.Status403Forbidden);

        users.MapGet("/", ListAsync)
            .WithName("ListUsers").WithSummary("Users the caller may read, filtered and paged.")
            .WithMetadata(CallerCheckedWithFirstRead.Instance)
            .WithQueryParameters(UserQueryReader.ListParameters)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);

        users.MapGet("/{userIdentifier}", GetAsync)
            .WithName("GetUser").WithSummary("One user, by user id, username or employee id (searchBy).")
            .WithMetadata(CallerCheckedWithFirstRead.Instance)
            .WithQueryParameters(UserQueryReader.LookupParameters)
            .WithMetadata(new OpenApiExamples(null, SeedSamples.FullUserResponse))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);

        users.MapPost("/", CreateAsync)
            .WithName("CreateUser").WithSummary("Create a user.")
            .WithMetadata(new OpenApiExamples(SeedSamples.CreateRequest, SeedSamples.FullUserResponse, "201"))
            .AcceptsJson(UserRequests.Create)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);

        users.MapPut("/{userId}", UpdateAsync)
            .WithName("UpdateUser").WithSummary("Update a user. Only updates one user at a time.")
            .WithMetadata(CallerCheckedWithFirstRead.Instance)
            .AcceptsJson(UserRequests.Update)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict)
            .Produces<ErrorBody>(StatusCodes.Status412PreconditionFailed)
            .WithMetadata(new OpenApiExamples(SeedSamples.UpdateRequest, SeedSamples.FullUserResponse));

        users.MapPatch("/{userId}/groupRoles", PatchGroupRolesAsync)
            .WithName("PatchGroupRoles").WithSummary("Add and remove group roles, all together or none.")
            .AcceptsJson(UserRequests.GroupRolePatch, array: true)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status412PreconditionFailed);
    }

    private static async Task<Ok<UserListResponse>> ListAsync(HttpContext http, ListUsers users)
    {
        var query = UserQueryReader.ReadList(http.Request.Query);
        var page = await users.ExecuteAsync(CallerFilter.Of(http), query, http.RequestAborted);
        return TypedResults.Ok(new UserListResponse(
            page.Users.Select(FullUserResponse.From).ToList(),
            new ListMetadata(page.Total, page.Limit, page.Offset)));
    }

    private static async Task<Ok<FullUserResponse>> GetAsync(string userIdentifier, HttpContext http, GetUser users)
    {
        var lookup = UserQueryReader.ReadLookup(userIdentifier, http.Request.Query);
        var user = await users.ExecuteAsync(CallerFilter.Of(http), userIdentifier, lookup, http.RequestAborted);
        return WithETag(http, user);
    }

    private static async Task<Created<FullUserResponse>> CreateAsync(HttpContext http, JsonRequest json, CreateUser users)
    {
        using var body = await json.ReadAsync(http.Request);
        var user = await users.ExecuteAsync(CallerFilter.Of(http), UserBodyReader.ForCreate(body.RootElement), http.RequestAborted);
        ETags.Set(http.Response, user.Version);
        return TypedResults.Created($"/v1/users/{user.Id}", FullUserResponse.From(user));
    }

    private static async Task<Ok<FullUserResponse>> UpdateAsync(string userId, HttpContext http, JsonRequest json, UpdateUser users)
    {
        var id = QueryReader.PathId("userId", userId);
        using var body = await json.ReadAsync(http.Request);
        var user = await users.ExecuteAsync(CallerFilter.Of(http), id, UserBodyReader.ForUpdate(body.RootElement),
            ETags.IfMatch(http.Request), http.RequestAborted);
        return WithETag(http, user);
    }

    private static async Task<Ok<GroupRolesResponse>> PatchGroupRolesAsync(string userId, HttpContext http, JsonRequest json, PatchGroupRoles users)
    {
        var id = QueryReader.PathId("userId", userId);
        using var body = await json.ReadAsync(http.Request);
        var (changes, problems) = GroupRolePatchReader.Read(body.RootElement);
        var user = await users.ExecuteAsync(CallerFilter.Of(http), id, changes, problems,
            ETags.IfMatch(http.Request), http.RequestAborted);
        ETags.Set(http.Response, user.Version);
        return TypedResults.Ok(new GroupRolesResponse(user.Id,
            user.GroupRoles.Select(r => new SimpleGroupRole(r.GroupId, r.RoleId)).ToList()));
    }

    private static Ok<FullUserResponse> WithETag(HttpContext http, UserDetails user)
    {
        ETags.Set(http.Response, user.Version);
        return TypedResults.Ok(FullUserResponse.From(user));
    }
}
