using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FleetUsers.Application.Scim;
using FleetUsers.Domain;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Projection;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// /scim/v2/Groups: the groups below the SCIM client's group (<see cref="ScimGroups"/>). A PATCH answers
/// 204, as Entra ID's and Okta's documentation show, so a large group's members are not sent back.
/// </summary>
public static partial class ScimGroupsApi
{
    public static void MapScimGroupsApi(this RouteGroupBuilder scim)
    {
        var groups = scim.MapGroup("/Groups");
        groups.MapGet("/", ListAsync).WithName("ScimListGroups").WithSummary("SCIM: list and filter groups (RFC 7644 §3.4.2).");
        groups.MapGet("/{id}", GetAsync).WithName("ScimGetGroup").WithSummary("SCIM: one group.");
        groups.MapPost("/", CreateAsync).WithName("ScimCreateGroup").WithSummary("SCIM: create a group below the client's group.");
        groups.MapPut("/{id}", ReplaceAsync).WithName("ScimReplaceGroup").WithSummary("SCIM: replace a group's name and members.");
        groups.MapPatch("/{id}", PatchAsync).WithName("ScimPatchGroup").WithSummary("SCIM: PATCH a group (name, members), all operations or none.");
        groups.MapDelete("/{id}", DeleteAsync).WithName("ScimDeleteGroup").WithSummary("SCIM: delete a group (its members lose the client's role there).");
    }

    /// <summary>Filters are evaluated on the groups (a company has a bounded number of them), without their members.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, ScimGroups groups)
    {
        var query = http.Request.Query;
        var paging = ScimPaging.Parse(query["startIndex"].FirstOrDefault(), query["count"].FirstOrDefault(), ScimUsersApi.MaxResults);
        var attributes = AttributeProjection.ParseList(query["attributes"].FirstOrDefault(), "attributes");
        var excluded = AttributeProjection.ParseList(query["excludedAttributes"].FirstOrDefault(), "excludedAttributes");
        var filter = ParseFilter(query["filter"].FirstOrDefault());
        var client = ScimCallerFilter.Of(http);
        var baseUrl = ScimUsersApi.BaseUrl(http.Request);
        var matching = (await groups.ListAsync(client, http.RequestAborted))
            .Select(group => (Group: group, Resource: ScimGroupMapping.ToResource(group, null, baseUrl)))
            .Where(g => filter is null || FilterEvaluator.Matches(filter, g.Resource, ScimResourceTypes.Group)).ToList();
        var page = new List<JsonNode>();
        foreach (var (group, resource) in matching.Skip(paging.Offset).Take(paging.Count))
        {
            var full = WantsMembers(attributes, excluded)
                ? ScimGroupMapping.ToResource(group, await groups.MembersAsync(client, group.Group.Id, http.RequestAborted), baseUrl)
                : resource;
            page.Add(AttributeProjection.Apply(full, ScimResourceTypes.Group, attributes, excluded));
        }
        return new ScimResult(ScimListResponse.Create(page, matching.Count, paging.StartIndex));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ScimGroups groups)
    {
        var query = http.Request.Query;
        var attributes = AttributeProjection.ParseList(query["attributes"].FirstOrDefault(), "attributes");
        var excluded = AttributeProjection.ParseList(query["excludedAttributes"].FirstOrDefault(), "excludedAttributes");
        var client = ScimCallerFilter.Of(http);
        var group = await FindAsync(http, groups, id);
        var members = WantsMembers(attributes, excluded) ? await groups.MembersAsync(client, group.Group.Id, http.RequestAborted) : null;
        var resource = ScimGroupMapping.ToResource(group, members, ScimUsersApi.BaseUrl(http.Request));
        return Resource(group, AttributeProjection.Apply(resource, ScimResourceTypes.Group, attributes, excluded));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ScimBody body, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var resource = ScimGroupMapping.ReadResource(await body.ReadAsync(http.Request));
        var change = new ScimGroupChange
        {
            DisplayName = ScimGroupMapping.DisplayName(resource),
            ExternalId = ScimGroupMapping.ExternalId(resource),
            AddMembers = ScimGroupMapping.MemberIds(resource),
        };
        var id = await AsScimErrorsAsync(() => groups.CreateAsync(client, change, http.RequestAborted), deleting: false);
        var created = await groups.GetAsync(client, id, http.RequestAborted);
        var baseUrl = ScimUsersApi.BaseUrl(http.Request);
        var members = await groups.MembersAsync(client, id, http.RequestAborted);
        return new ScimResult(ScimGroupMapping.ToResource(created, members, baseUrl), StatusCodes.Status201Created)
        {
            ETag = ScimMeta.ETag(created.Group.Revision),
            Location = ScimGroupMapping.Location(baseUrl, id),
        };
    }

    /// <summary>PUT replaces: the members become those listed (none when the body lists none), the externalId the one given.</summary>
    private static async Task<IResult> ReplaceAsync(string id, HttpContext http, ScimBody body, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var resource = ScimGroupMapping.ReadResource(await body.ReadAsync(http.Request));
        var stored = await FindAsync(http, groups, id);
        RequireVersion(http, stored);
        var current = (await groups.MembersAsync(client, stored.Group.Id, http.RequestAborted)).Select(m => m.UserId).ToHashSet();
        var wanted = ScimGroupMapping.MemberIds(resource);
        await ChangeAsync(http, groups, stored, new ScimGroupChange
        {
            DisplayName = ScimGroupMapping.DisplayName(resource),
            SetsExternalId = true,
            ExternalId = ScimGroupMapping.ExternalId(resource),
            AddMembers = wanted.Except(current).ToList(),
            RemoveMembers = current.Except(wanted).ToList(),
        });
        return await GetAsync(id, http, groups);
    }

    /// <summary>The operations apply to the group as SCIM shows it (members included); what differs afterwards is written.</summary>
    private static async Task<IResult> PatchAsync(string id, HttpContext http, ScimBody body, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var operations = PatchRequestReader.Read(await body.ReadAsync(http.Request));
        var stored = await FindAsync(http, groups, id);
        RequireVersion(http, stored);
        var baseUrl = ScimUsersApi.BaseUrl(http.Request);
        var current = ScimGroupMapping.ToResource(stored, await groups.MembersAsync(client, stored.Group.Id, http.RequestAborted), baseUrl);
        var patched = PatchApplier.Apply(current, ScimResourceTypes.Group, operations);
        var before = ScimGroupMapping.MemberIds(current);
        var after = ScimGroupMapping.MemberIds(patched);
        var change = new ScimGroupChange
        {
            DisplayName = ScimGroupMapping.DisplayName(patched),
            SetsExternalId = true,
            ExternalId = ScimGroupMapping.ExternalId(patched),
            AddMembers = after.Except(before).ToList(),
            RemoveMembers = before.Except(after).ToList(),
        };
        var revision = JsonNode.DeepEquals(patched, current) ? stored.Group.Revision : await ChangeAsync(http, groups, stored, change);
        return new ScimResult(null, StatusCodes.Status204NoContent) { ETag = ScimMeta.ETag(revision) };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var stored = await FindAsync(http, groups, id);
        RequireVersion(http, stored);
        await AsScimErrorsAsync(async () =>
        {
            await groups.DeleteAsync(client, stored.Group.Id, stored.Group.Revision, http.RequestAborted);
            return 0;
        }, deleting: true);
        return new ScimResult(null, StatusCodes.Status204NoContent);
    }

    /// <summary>Writes the change (under the revision read, so a change that landed meanwhile is 412); the group's new revision.</summary>
    private static async Task<int> ChangeAsync(HttpContext http, ScimGroups groups, ScimGroup stored, ScimGroupChange change)
    {
        var client = ScimCallerFilter.Of(http);
        await AsScimErrorsAsync(async () =>
        {
            await groups.ChangeAsync(client, stored.Group.Id, change, stored.Group.Revision, http.RequestAborted);
            return 0;
        }, deleting: false);
        return (await groups.GetAsync(client, stored.Group.Id, http.RequestAborted)).Group.Revision;
    }

    /// <summary>
    /// The group rules' refusals in SCIM's words: a field problem names displayName; a taken name is
    /// uniqueness; a group a DELETE cannot remove is 409 without a scimType (RFC 7644 has none for it).
    /// </summary>
    private static async Task<T> AsScimErrorsAsync<T>(Func<Task<T>> write, bool deleting)
    {
        try
        {
            return await write();
        }
        catch (ValidationFailedException e)
        {
            throw ScimException.InvalidValue(GroupNames(string.Join("; ", e.Problems)));
        }
        catch (ConflictException e) when (deleting)
        {
            throw new ScimException(StatusCodes.Status409Conflict, null, string.Join("; ", e.Problems));
        }
        catch (ConflictException e)
        {
            throw ScimException.Uniqueness(GroupNames(string.Join("; ", e.Problems)));
        }
    }

    private static string GroupNames(string problem) => FieldName().Replace(problem, "displayName");

    [GeneratedRegex(@"\bname\b")]
    private static partial Regex FieldName();

    private static Filter? ParseFilter(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var filter = ScimParser.ParseFilter(text);
        FilterEvaluator.Validate(filter, ScimResourceTypes.Group);
        return Mentions(filter, "members")
            ? throw ScimException.InvalidFilter("Groups cannot be filtered by members; filter by displayName, externalId or id.")
            : filter;
    }

    private static bool Mentions(Filter filter, string attribute) => filter switch
    {
        AndFilter and => Mentions(and.Left, attribute) || Mentions(and.Right, attribute),
        OrFilter or => Mentions(or.Left, attribute) || Mentions(or.Right, attribute),
        NotFilter not => Mentions(not.Inner, attribute),
        PresentFilter present => Is(present.Path, attribute),
        CompareFilter compare => Is(compare.Path, attribute),
        ValuePathFilter valuePath => Is(valuePath.Path, attribute),
        _ => false,
    };

    private static bool Is(AttributePath path, string attribute) => path.Name.Equals(attribute, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the projection keeps members (reading them costs a query per group).</summary>
    private static bool WantsMembers(IReadOnlyList<AttributePath> attributes, IReadOnlyList<AttributePath> excluded) =>
        !excluded.Any(p => Is(p, "members") && p.SubAttribute is null)
        && (attributes.Count == 0 || attributes.Any(p => Is(p, "members")));

    /// <summary>The group, as SCIM sees it: 404 when it is not below the client's group.</summary>
    private static async Task<ScimGroup> FindAsync(HttpContext http, ScimGroups groups, string id)
    {
        var notFound = ScimException.NotFound($"No group with id {id}.");
        if (!Guid.TryParse(id, out var groupId)) throw notFound;
        try
        {
            return await groups.GetAsync(ScimCallerFilter.Of(http), groupId, http.RequestAborted);
        }
        catch (NotFoundException)
        {
            throw notFound;
        }
    }

    private static void RequireVersion(HttpContext http, ScimGroup group)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0 && !ScimMeta.IfMatch(ifMatch, group.Group.Revision))
        {
            throw ScimException.PreconditionFailed("If-Match does not match the group's current version; read it again.");
        }
    }

    private static ScimResult Resource(ScimGroup group, JsonObject resource) => new(resource) { ETag = ScimMeta.ETag(group.Group.Revision) };
}
