using System.Text.Json.Nodes;
using FleetUsers.Application.Scim;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Groups;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Projection;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// /scim/v2/Users: every write goes through the REST API's use cases (CreateUser, UpdateUser), so
/// the same rules, uniqueness, reach and audit trail (naming the SCIM client) apply.
/// </summary>
public static class ScimUsersApi
{
    /// <summary>The largest page (ServiceProviderConfig's filter.maxResults).</summary>
    public const int MaxResults = 1_000;

    public static void MapScimUsersApi(this RouteGroupBuilder scim)
    {
        var users = scim.MapGroup("/Users");
        users.MapGet("/", ListAsync).WithName("ScimListUsers").WithSummary("SCIM: list and filter users (RFC 7644 §3.4.2).");
        users.MapGet("/{id}", GetAsync).WithName("ScimGetUser").WithSummary("SCIM: one user.");
        users.MapPost("/", CreateAsync).WithName("ScimCreateUser").WithSummary("SCIM: create (or re-provision) a user.");
        users.MapPut("/{id}", ReplaceAsync).WithName("ScimReplaceUser").WithSummary("SCIM: replace a user's attributes.");
        users.MapPatch("/{id}", PatchAsync).WithName("ScimPatchUser").WithSummary("SCIM: PATCH a user, all operations or none.");
        users.MapDelete("/{id}", DeleteAsync).WithName("ScimDeleteUser").WithSummary("SCIM: delete a user (it is deactivated, and 404 to SCIM).");
    }

    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/scim/v2";

    private static async Task<IResult> ListAsync(HttpContext http, ListUsers users, ScimGroups groups)
    {
        var query = http.Request.Query;
        var paging = ScimPaging.Parse(query["startIndex"].FirstOrDefault(), query["count"].FirstOrDefault(), MaxResults);
        var attributes = AttributeProjection.ParseList(query["attributes"].FirstOrDefault(), "attributes");
        var excluded = AttributeProjection.ParseList(query["excludedAttributes"].FirstOrDefault(), "excludedAttributes");
        var filter = ScimUserFilter.Parse(query["filter"].FirstOrDefault());
        var client = ScimCallerFilter.Of(http);
        var caller = client.Caller;
        var baseUrl = BaseUrl(http.Request);
        // The client's groups cost a session of their own: read only when the answer shows or is filtered by groups.
        var needsGroups = filter.MemberOf is not null || filter.Filter is { } f && ScimGroupsApi.Mentions(f, "groups")
            || ScimGroupsApi.Keeps(attributes, excluded, "groups");
        var membership = needsGroups ? await groups.MembershipAsync(client, http.RequestAborted) : ScimMembership.None;
        // groups.value eq: the members of one of the client's groups (any other value: of none).
        if (filter.MemberOf is { } memberOf && (!Guid.TryParse(memberOf, out var groupId) || !membership.GroupIds.Contains(groupId)))
        {
            return new ScimResult(ScimListResponse.Create([], 0, paging.StartIndex));
        }
        var inGroup = filter.MemberOf is null ? new UserListQuery() : new UserListQuery
        {
            GroupIds = [Guid.Parse(filter.MemberOf)],
            RoleIds = [client.MemberRoleId],
        };
        int total;
        List<JsonObject> page;
        if (filter.Exact)
        {
            var result = await users.ExecuteAsync(caller, inGroup with { Scim = filter.Condition, Limit = paging.Count, Offset = paging.Offset },
                http.RequestAborted);
            total = result.Total;
            page = result.Users.Select(u => ScimUserMapping.ToResource(u, baseUrl, membership)).ToList();
        }
        else
        {
            var candidates = await users.ExecuteAsync(caller,
                inGroup with { Scim = filter.Condition, Limit = ScimUserFilter.CandidateLimit + 1 }, http.RequestAborted);
            if (candidates.Users.Count > ScimUserFilter.CandidateLimit)
            {
                throw ScimUserFilter.TooMany();
            }
            var matching = candidates.Users.Select(u => ScimUserMapping.ToResource(u, baseUrl, membership))
                .Where(resource => FilterEvaluator.Matches(filter.Filter!, resource, ScimResourceTypes.User)).ToList();
            total = matching.Count;
            page = matching.Skip(paging.Offset).Take(paging.Count).ToList();
        }
        var projected = page.Select(resource => AttributeProjection.Apply(resource, ScimResourceTypes.User, attributes, excluded));
        return new ScimResult(ScimListResponse.Create(projected, total, paging.StartIndex));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, GetUser users, ScimGroups groups)
    {
        var query = http.Request.Query;
        var attributes = AttributeProjection.ParseList(query["attributes"].FirstOrDefault(), "attributes");
        var excluded = AttributeProjection.ParseList(query["excludedAttributes"].FirstOrDefault(), "excludedAttributes");
        var user = await FindAsync(http, users, id);
        var membership = ScimGroupsApi.Keeps(attributes, excluded, "groups")
            ? await groups.MembershipAsync(ScimCallerFilter.Of(http), http.RequestAborted)
            : ScimMembership.None;
        var resource = ScimUserMapping.ToResource(user, BaseUrl(http.Request), membership);
        return Resource(user, AttributeProjection.Apply(resource, ScimResourceTypes.User, attributes, excluded));
    }

    /// <summary>
    /// A new user gets the client's group and role. A userName that a SCIM-deleted user of the client's
    /// reach holds brings that user back (same id, same history); any other holder is 409 uniqueness.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext http, ScimBody body, GetUser get, CreateUser create, UpdateUser update,
        ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var resource = ScimUserMapping.ReadResource(await body.ReadAsync(http.Request));
        var userName = resource["userName"]!.GetValue<string>();
        var holder = await FindHolderAsync(http, get, userName);
        UserDetails user;
        if (holder is null)
        {
            var (draft, externalId) = ScimUserMapping.ToDraft(resource, null, new GroupRole(client.GroupId, client.MemberRoleId));
            user = await create.ExecuteAsync(client.Caller, draft, http.RequestAborted, new ScimLink(externalId, Removed: false));
        }
        else if (holder.ScimRemoved)
        {
            var (draft, externalId) = ScimUserMapping.ToDraft(resource, holder.Profile, new GroupRole(client.GroupId, client.MemberRoleId));
            user = await update.ExecuteAsync(client.Caller, holder.Id, draft, [holder.Version], http.RequestAborted,
                new ScimLink(externalId, Removed: false));
        }
        else
        {
            throw ScimException.Uniqueness($"userName {userName} is taken.");
        }
        var location = ScimUserMapping.Location(BaseUrl(http.Request), user.Id);
        var membership = await groups.MembershipAsync(client, http.RequestAborted);
        return new ScimResult(ScimUserMapping.ToResource(user, BaseUrl(http.Request), membership), StatusCodes.Status201Created)
        {
            ETag = ScimMeta.ETag(user.Version),
            Location = location,
        };
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpContext http, ScimBody body, GetUser get, UpdateUser update,
        ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var resource = ScimUserMapping.ReadResource(await body.ReadAsync(http.Request));
        var stored = await FindAsync(http, get, id);
        RequireVersion(http, stored);
        var (draft, externalId) = ScimUserMapping.ToDraft(resource, stored.Profile, new GroupRole(client.GroupId, client.MemberRoleId));
        var user = await update.ExecuteAsync(client.Caller, stored.Id, draft, [stored.Version], http.RequestAborted,
            new ScimLink(externalId, Removed: false));
        return Resource(user, ScimUserMapping.ToResource(user, BaseUrl(http.Request), await groups.MembershipAsync(client, http.RequestAborted)));
    }

    private static async Task<IResult> PatchAsync(string id, HttpContext http, ScimBody body, GetUser get, UpdateUser update,
        ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var operations = ScimIgnoredAttributes.RemoveFrom(PatchRequestReader.Read(await body.ReadAsync(http.Request)));
        var stored = await FindAsync(http, get, id);
        RequireVersion(http, stored);
        var baseUrl = BaseUrl(http.Request);
        var membership = await groups.MembershipAsync(client, http.RequestAborted);
        var current = ScimUserMapping.ToResource(stored, baseUrl, membership);
        var patched = PatchApplier.Apply(current, ScimResourceTypes.User, operations);
        if (JsonNode.DeepEquals(patched, current))
        {
            // Providers send PATCHes of attributes FleetUsers ignores, or of values it already has: no write, no new version.
            return Resource(stored, current);
        }
        var (draft, externalId) = ScimUserMapping.ToDraft(patched, stored.Profile, new GroupRole(client.GroupId, client.MemberRoleId));
        // The patch was computed from this version: a change that landed meanwhile is 412, not overwritten.
        var user = await update.ExecuteAsync(client.Caller, stored.Id, draft, [stored.Version], http.RequestAborted,
            new ScimLink(externalId, Removed: false));
        return Resource(user, ScimUserMapping.ToResource(user, baseUrl, membership));
    }

    /// <summary>Deactivates the user (status Inactive, so it cannot log in) and marks it SCIM-deleted: 404 to SCIM from now on.</summary>
    private static async Task<IResult> DeleteAsync(string id, HttpContext http, GetUser get, UpdateUser update)
    {
        var client = ScimCallerFilter.Of(http);
        var stored = await FindAsync(http, get, id);
        RequireVersion(http, stored);
        var draft = new Domain.Users.UserDraft { Sent = stored.Profile with { Status = Domain.Users.UserStatus.Inactive } };
        await update.ExecuteAsync(client.Caller, stored.Id, draft, [stored.Version], http.RequestAborted,
            new ScimLink(stored.ExternalId, Removed: true));
        return new ScimResult(null, StatusCodes.Status204NoContent);
    }

    /// <summary>The user, as SCIM sees it: 404 when there is none, it is outside the client's reach, or SCIM deleted it.</summary>
    private static async Task<UserDetails> FindAsync(HttpContext http, GetUser users, string id)
    {
        var notFound = ScimException.NotFound($"No user with id {id}.");
        if (!Guid.TryParse(id, out _)) throw notFound;
        try
        {
            var user = await users.ExecuteAsync(ScimCallerFilter.Of(http).Caller, id, UserLookup.UserId, http.RequestAborted);
            return user.ScimRemoved ? throw notFound : user;
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            throw notFound;
        }
    }

    /// <summary>Who holds the userName in the company: null when nobody does; 409 when a user outside the client's reach does.</summary>
    private static async Task<UserDetails?> FindHolderAsync(HttpContext http, GetUser users, string userName)
    {
        try
        {
            return await users.ExecuteAsync(ScimCallerFilter.Of(http).Caller, userName, UserLookup.Username, http.RequestAborted);
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (ForbiddenException)
        {
            throw ScimException.Uniqueness($"userName {userName} is taken.");
        }
    }

    /// <summary>If-Match (RFC 7644 §3.14): 412 unless it names the user's current version (or is *).</summary>
    private static void RequireVersion(HttpContext http, UserDetails user)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !ScimMeta.IfMatch(ifMatch, user.Version))
        {
            throw ScimException.PreconditionFailed("If-Match does not match the user's current version; read it again.");
        }
    }

    private static ScimResult Resource(UserDetails user, JsonObject resource) =>
        new(resource) { ETag = ScimMeta.ETag(user.Version) };
}
