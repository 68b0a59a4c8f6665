using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Application.Scim;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;
using FleetUsers.Scim;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// A FleetUsers user as a SCIM User and back (the mapping the README's table lists). SCIM sets the
/// fields it has; what it has no attribute for (roles, primary group, login, video download) is kept
/// as stored, and a new user gets the SCIM client's group and role.
/// </summary>
public static class ScimUserMapping
{
    /// <summary>What a phone number gets as its country when none is stored: SCIM's phoneNumbers carry none.</summary>
    public const string DefaultPhoneCountry = "US";

    /// <summary>The user as SCIM shows it; <c>groups</c> lists the SCIM groups it is a member of (<paramref name="membership"/>).</summary>
    public static JsonObject ToResource(UserDetails user, string baseUrl, ScimMembership membership)
    {
        var profile = user.Profile;
        var resource = new JsonObject
        {
            ["schemas"] = profile.EmployeeId is null ? new JsonArray(ScimUrns.User) : new JsonArray(ScimUrns.User, ScimUrns.EnterpriseUser),
            ["id"] = user.Id.ToString(),
        };
        if (user.ExternalId is not null) resource["externalId"] = user.ExternalId;
        resource["userName"] = profile.Username;
        resource["name"] = new JsonObject
        {
            ["formatted"] = $"{profile.FirstName} {profile.LastName}".Trim(),
            ["familyName"] = profile.LastName,
            ["givenName"] = profile.FirstName,
        };
        resource["displayName"] = $"{profile.FirstName} {profile.LastName}".Trim();
        if (profile.Email is not null)
        {
            resource["emails"] = new JsonArray(new JsonObject { ["value"] = profile.Email, ["type"] = "work", ["primary"] = true });
        }
        if (profile.CellPhoneNumber is not null)
        {
            resource["phoneNumbers"] = new JsonArray(new JsonObject { ["value"] = profile.CellPhoneNumber, ["type"] = "mobile" });
        }
        resource["active"] = profile.Status == UserStatus.Active;
        var groups = user.GroupRoles.Where(r => membership.IsMember(r.GroupId, r.RoleId)).ToList();
        if (groups.Count > 0)
        {
            resource["groups"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject
            {
                ["value"] = g.GroupId.ToString(),
                ["$ref"] = ScimGroupMapping.Location(baseUrl, g.GroupId),
                ["display"] = g.GroupName,
            }).ToArray());
        }
        if (profile.EmployeeId is not null)
        {
            resource[ScimUrns.EnterpriseUser] = new JsonObject { ["employeeNumber"] = profile.EmployeeId };
        }
        resource["meta"] = ScimMeta.Create("User", user.CreatedDate, user.UpdatedDate, Location(baseUrl, user.Id), user.Version);
        return resource;
    }

    public static string Location(string baseUrl, Guid id) => $"{baseUrl}/Users/{id}";

    /// <summary>
    /// A POST or PUT body, checked against the User schema as a PATCH's result is (unknown attributes,
    /// types, userName required); read-only attributes sent along (id, meta, displayName, groups) are
    /// ignored, as RFC 7643 §2.2 has a create or replace do; so are unassigned ones (null, [], as Entra
    /// sends <c>"roles": []</c>), which set nothing.
    /// </summary>
    public static JsonObject ReadResource(JsonObject body) =>
        ScimResourceBody.Read(body, ScimResourceTypes.User, ScimUrns.User, ["id", "meta", "displayName", "groups", "schemas"], value =>
        {
            ScimIgnoredAttributes.RemoveFrom(value);
            if (JsonMembers.Get(value, "name") is JsonObject name)
            {
                JsonMembers.Remove(name, "formatted");
            }
        });

    /// <summary>The user a checked SCIM resource describes, over what is stored (<paramref name="stored"/>; null for a new user).</summary>
    public static (UserDraft Draft, string? ExternalId) ToDraft(JsonObject resource, UserProfile? stored, GroupRole newUserRole)
    {
        var name = JsonMembers.Get(resource, "name") as JsonObject;
        var phone = Mobile(resource);
        var profile = (stored ?? new UserProfile { GroupRoles = [newUserRole] }) with
        {
            Username = Text(resource, "userName"),
            FirstName = Text(name, "givenName") ?? "",
            LastName = Text(name, "familyName") ?? "",
            Email = Email(resource),
            CellPhoneNumber = phone,
            CellPhoneCountry = phone is null ? null : stored?.CellPhoneCountry ?? DefaultPhoneCountry,
            Status = JsonMembers.Get(resource, "active") is JsonValue active && active.GetValueKind() == JsonValueKind.False
                ? UserStatus.Inactive : UserStatus.Active,
            EmployeeId = Text(JsonMembers.Get(resource, ScimUrns.EnterpriseUser) as JsonObject, "employeeNumber"),
        };
        return (new UserDraft { Sent = profile }, Text(resource, "externalId"));
    }

    /// <summary>The primary address, else the work one, else the first.</summary>
    private static string? Email(JsonObject resource)
    {
        var emails = (JsonMembers.Get(resource, "emails") as JsonArray ?? []).OfType<JsonObject>().ToList();
        var chosen = emails.FirstOrDefault(e => JsonMembers.Get(e, "primary") is JsonValue p && p.GetValueKind() == JsonValueKind.True)
            ?? emails.FirstOrDefault(e => string.Equals(Text(e, "type"), "work", StringComparison.OrdinalIgnoreCase))
            ?? emails.FirstOrDefault();
        return Text(chosen, "value");
    }

    private static string? Mobile(JsonObject resource) =>
        Text((JsonMembers.Get(resource, "phoneNumbers") as JsonArray ?? []).OfType<JsonObject>()
            .FirstOrDefault(p => string.Equals(Text(p, "type"), "mobile", StringComparison.OrdinalIgnoreCase)), "value");

    private static string? Text(JsonObject? container, string name) =>
        container is not null && JsonMembers.Get(container, name) is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
