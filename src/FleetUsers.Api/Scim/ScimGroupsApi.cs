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

    /// <summary>Filters are evaluated on the groups (a company has a bounded number of them), without their members; the page's members are read together.</summary>
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
            .Where(group => filter is null
                || FilterEvaluator.Matches(filter, ScimGroupMapping.ToResource(group, null, baseUrl), ScimResourceTypes.Group)).ToList();
        var page = matching.Skip(paging.Offset).Take(paging.Count).ToList();
        var members = WantsMembers(attributes, excluded) && page.Count > 0
            ? await groups.MembersAsync(client, page.Select(g => g.Group.Id).ToList(), http.RequestAborted)
            : null;
        var resources = page.Select(group => AttributeProjection.Apply(
            ScimGroupMapping.ToResource(group, members?[group.Group.Id], baseUrl), ScimResourceTypes.Group, attributes, excluded));
        return new ScimResult(ScimListResponse.Create(resources, matching.Count, paging.StartIndex));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ScimGroups groups)
    {
        var query = http.Request.Query;
        var attributes = AttributeProjection.ParseList(query["attributes"].FirstOrDefault(), "attributes");
        var excluded = AttributeProjection.ParseList(query["excludedAttributes"].FirstOrDefault(), "excludedAttributes");
        var client = ScimCallerFilter.Of(http);
        var view = await groups.GetAsync(client, GroupId(id), WantsMembers(attributes, excluded), http.RequestAborted);
        var resource = ScimGroupMapping.ToResource(view.Group, view.Members, ScimUsersApi.BaseUrl(http.Request));
        return Resource(view.Group, AttributeProjection.Apply(resource, ScimResourceTypes.Group, attributes, excluded));
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
        var created = await AsScimErrorsAsync(() => groups.CreateAsync(client, change, http.RequestAborted), deleting: false);
        var baseUrl = ScimUsersApi.BaseUrl(http.Request);
        return new ScimResult(ScimGroupMapping.ToResource(created.Group, created.Members, baseUrl), StatusCodes.Status201Created)
        {
            ETag = ScimMeta.ETag(created.Group.Version),
            Location = ScimGroupMapping.Location(baseUrl, created.Group.Group.Id),
        };
    }

    /// <summary>PUT replaces: the members become those listed (none when the body lists none), the externalId the one given.</summary>
    private static async Task<IResult> ReplaceAsync(string id, HttpContext http, ScimBody body, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var resource = ScimGroupMapping.ReadResource(await body.ReadAsync(http.Request));
        var groupId = GroupId(id);
        var wanted = ScimGroupMapping.MemberIds(resource);
        var replaced = await AsScimErrorsAsync(() => groups.ChangeAsync(client, groupId, IfMatch(http), current =>
        {
            var members = current.Members!.Select(m => m.UserId).ToHashSet();
            return new ScimGroupChange
            {
                DisplayName = ScimGroupMapping.DisplayName(resource),
                ExternalId = ScimGroupMapping.ExternalId(resource),
                AddMembers = wanted.Except(members).ToList(),
                RemoveMembers = members.Except(wanted).ToList(),
            };
        }, http.RequestAborted), deleting: false);
        return Resource(replaced.Group, ScimGroupMapping.ToResource(replaced.Group, replaced.Members, ScimUsersApi.BaseUrl(http.Request)));
    }

    /// <summary>
    /// The operations apply to the group as SCIM shows it (members included), read under the tree lock with
    /// the write; what differs afterwards is written, and a PATCH that changes nothing writes nothing.
    /// </summary>
    private static async Task<IResult> PatchAsync(string id, HttpContext http, ScimBody body, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var operations = PatchRequestReader.Read(await body.ReadAsync(http.Request));
        var groupId = GroupId(id);
        var baseUrl = ScimUsersApi.BaseUrl(http.Request);
        var patched = await AsScimErrorsAsync(() => groups.ChangeAsync(client, groupId, IfMatch(http), view =>
        {
            var current = ScimGroupMapping.ToResource(view.Group, view.Members, baseUrl);
            var after = PatchApplier.Apply(current, ScimResourceTypes.Group, operations);
            if (JsonNode.DeepEquals(after, current)) return null;
            var before = ScimGroupMapping.MemberIds(current);
            var wanted = ScimGroupMapping.MemberIds(after);
            return new ScimGroupChange
            {
                DisplayName = ScimGroupMapping.DisplayName(after),
                ExternalId = ScimGroupMapping.ExternalId(after),
                AddMembers = wanted.Except(before).ToList(),
                RemoveMembers = before.Except(wanted).ToList(),
            };
        }, http.RequestAborted), deleting: false);
        return new ScimResult(null, StatusCodes.Status204NoContent) { ETag = ScimMeta.ETag(patched.Group.Version) };
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, ScimGroups groups)
    {
        var client = ScimCallerFilter.Of(http);
        var groupId = GroupId(id);
        await AsScimErrorsAsync(async () =>
        {
            await groups.DeleteAsync(client, groupId, IfMatch(http), http.RequestAborted);
            return 0;
        }, deleting: true);
        return new ScimResult(null, StatusCodes.Status204NoContent);
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

    /// <summary>Whether the filter names the attribute anywhere.</summary>
    internal static bool Mentions(Filter filter, string attribute) => filter switch
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

    /// <summary>Whether the projection keeps members (reading them costs a query).</summary>
    private static bool WantsMembers(IReadOnlyList<AttributePath> attributes, IReadOnlyList<AttributePath> excluded) =>
        Keeps(attributes, excluded, "members");

    /// <summary>Whether a projection (attributes, excludedAttributes) keeps the attribute.</summary>
    internal static bool Keeps(IReadOnlyList<AttributePath> attributes, IReadOnlyList<AttributePath> excluded, string attribute) =>
        !excluded.Any(p => Is(p, attribute) && p.SubAttribute is null)
        && (attributes.Count == 0 || attributes.Any(p => Is(p, attribute)));

    /// <summary>The group id of a path: an id that is none is 404, as a group not below the client's group is.</summary>
    private static Guid GroupId(string id) => Guid.TryParse(id, out var groupId) ? groupId : throw ScimException.NotFound($"No group with id {id}.");

    /// <summary>The client's If-Match (RFC 7644 §3.14) as a test of the group's version; null when it sent none (no check).</summary>
    private static Func<long, bool>? IfMatch(HttpContext http)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        return ifMatch.Length == 0 ? null : version => ScimMeta.IfMatch(ifMatch, version);
    }

    private static ScimResult Resource(ScimGroup group, JsonObject resource) => new(resource) { ETag = ScimMeta.ETag(group.Version) };
}
