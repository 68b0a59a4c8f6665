using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>
/// Turns the JSON of PUT and POST into a <see cref="UserDraft"/>, by the bodies declared in
/// <see cref="UserRequests"/>: every missing key, wrong type and unknown key is noted. The field
/// rules themselves live in the domain.
/// </summary>
public static class UserBodyReader
{
    /// <summary>What responses show but no request may set: refused by name, so an over-posting client learns why.</summary>
    public static readonly string[] ReadOnlyKeys = ["userId", "createdDate", "updatedDate", "allowSafetyEventDownload", "lastLoginDate"];

    /// <summary>PUT: every key is required except password (full replacement).</summary>
    public static UserDraft ForUpdate(JsonElement body) => Read(body, UserRequests.Update);

    /// <summary>POST: firstName, lastName and groupRoles are required; status is not accepted (new users are Active).</summary>
    public static UserDraft ForCreate(JsonElement body) => Read(body, UserRequests.Create);

    private static UserDraft Read(JsonElement body, BodyShape shape)
    {
        var problems = new List<string>();
        var json = new JsonObjectReader(body, problems);
        var values = json.Read(shape);
        var sent = new UserProfile();
        foreach (var field in UserFields.All.Where(f => shape.Keys.Any(k => k.Name == f.Name)))
        {
            sent = field switch
            {
                TextField text => text.With(sent, values.String(field.Name)),
                FlagField flag => flag.With(sent, values.Boolean(field.Name) ?? false),
                GroupIdField id => id.With(sent, values.Uuid(field.Name)),
                GroupRolesField roles => roles.With(sent, GroupRoles(values, json) ?? []),
                _ => throw new InvalidOperationException($"the body reader does not know {field.Name}'s kind of field"),
            };
        }
        RejectReadOnly(json, problems);
        if (shape == UserRequests.Create && json.Has("status"))
        {
            problems.Add("status cannot be set on create: new users are Active");
            json.Skip("status");
        }
        json.RejectUnknown();
        return new UserDraft { Sent = sent, Password = values.String("password"), ReadProblems = problems, UnreadableFields = json.Unreadable };
    }

    private static void RejectReadOnly(JsonObjectReader json, List<string> problems)
    {
        foreach (var key in ReadOnlyKeys.Where(json.Has))
        {
            problems.Add($"{key} is read-only");
            json.Skip(key);
        }
    }

    /// <summary>The group roles, or null when any is incomplete (then the field's rules stay quiet: its problems are said).</summary>
    private static List<GroupRole>? GroupRoles(BodyValues values, JsonObjectReader json)
    {
        if (values.Items(UserFields.GroupRoles.Name) is not { } items)
        {
            return null;
        }
        var roles = new List<GroupRole>();
        foreach (var item in items)
        {
            if (item.Uuid("groupId") is not { } groupId || item.Int32("roleId") is not { } roleId)
            {
                json.Unreadable.Add(UserFields.GroupRoles.Name);
                return null;
            }
            roles.Add(new GroupRole(groupId, roleId));
        }
        return roles;
    }
}
