using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Application.Scim;
using FleetUsers.Scim;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// A FleetUsers group as a SCIM Group and back: <c>displayName</c> ↔ name, <c>externalId</c> kept beside
/// the group, <c>members</c> the users holding the SCIM client's role there, <c>meta.version</c> the group's revision plus its SCIM version (<see cref="ScimGroup.Version"/>).
/// </summary>
public static class ScimGroupMapping
{
    /// <summary>The resource; <paramref name="members"/> null leaves the attribute out (not asked for).</summary>
    public static JsonObject ToResource(ScimGroup scimGroup, IReadOnlyList<ScimMember>? members, string baseUrl)
    {
        var group = scimGroup.Group;
        var resource = new JsonObject { ["schemas"] = new JsonArray(ScimUrns.Group), ["id"] = group.Id.ToString() };
        if (scimGroup.ExternalId is not null) resource["externalId"] = scimGroup.ExternalId;
        resource["displayName"] = group.Name;
        if (members is not null)
        {
            resource["members"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject
            {
                ["value"] = m.UserId.ToString(),
                ["$ref"] = ScimUserMapping.Location(baseUrl, m.UserId),
                ["display"] = m.Username,
                ["type"] = "User",
            }).ToArray());
        }
        resource["meta"] = ScimMeta.Create("Group", group.CreatedDate, scimGroup.LastModified, Location(baseUrl, group.Id), scimGroup.Version);
        return resource;
    }

    public static string Location(string baseUrl, Guid id) => $"{baseUrl}/Groups/{id}";

    /// <summary>
    /// A POST or PUT body checked against the Group schema (unknown attributes, types, displayName
    /// required); read-only attributes sent along (id, meta, schemas, a member's display) are ignored, as
    /// are unassigned ones (Entra sends <c>"members": []</c> and its own schema URN in <c>schemas</c>).
    /// </summary>
    public static JsonObject ReadResource(JsonObject body) =>
        ScimResourceBody.Read(body, ScimResourceTypes.Group, ScimUrns.Group, ["id", "meta", "schemas"]);

    /// <summary>The users a resource's members name: a value that is not a user id, or a member of another type, is invalidValue.</summary>
    public static HashSet<Guid> MemberIds(JsonObject resource)
    {
        var ids = new HashSet<Guid>();
        foreach (var member in (JsonMembers.Get(resource, "members") as JsonArray ?? []).OfType<JsonObject>())
        {
            var value = Text(member, "value");
            if (Text(member, "type") is { } type && !type.Equals("User", StringComparison.OrdinalIgnoreCase))
            {
                throw ScimException.InvalidValue($"members: only users can be members of a group, not {type} {value}.");
            }
            ids.Add(Guid.TryParse(value, out var id) ? id : throw ScimException.InvalidValue($"members: no user with id {value}."));
        }
        return ids;
    }

    public static string? DisplayName(JsonObject resource) => Text(resource, "displayName");

    public static string? ExternalId(JsonObject resource) => Text(resource, "externalId");

    private static string? Text(JsonObject container, string name) =>
        JsonMembers.Get(container, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
