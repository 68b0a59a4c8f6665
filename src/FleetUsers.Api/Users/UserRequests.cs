using FleetUsers.Api.Http;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>
/// The request bodies of the Users resource, each declared once: its reader reads by it and the
/// OpenAPI document shows it. The user bodies come from the field table (<see cref="UserFields"/>):
/// a new field of the table is a new key of PUT and POST, with the table's description.
/// </summary>
public static class UserRequests
{
    public static readonly BodyShape GroupRole = new("GroupRoleRequest", null,
    [
        new("groupId", JsonKind.Uuid, Presence.Required, "A group of the caller's company, within the caller's reach."),
        new("roleId", JsonKind.Int32, Presence.Required, "A role id of the catalogue (GET /v1/users/roles)."),
    ]);

    /// <summary>A group role of PUT and POST: also groupName, what responses show, so a client may send back what it read (ignored).</summary>
    private static readonly BodyShape GroupRoleSentBack = GroupRole with
    {
        Keys = [.. GroupRole.Keys, new("groupName", JsonKind.String, Presence.Optional) { Undocumented = true }],
    };

    /// <summary>PUT: every key is required except password (full replacement); flags and the valued fields are not null.</summary>
    public static readonly BodyShape Update = new("UpdateUserRequest",
        "Full replacement of the user's editable state. Every key is required except password.",
        Sorted(UserFields.All.Select(f => Key(f, f is FlagField || f.AlwaysValued ? Presence.Required : Presence.RequiredNullable)),
            new("password", JsonKind.String, Presence.Optional,
                $"Only to change the password: {PasswordPolicy.MinLength} to {PasswordPolicy.MaxLength} characters, three of lower, upper, digit, symbol. Absent or null keeps it.")));

    private static readonly UserField[] CreateFields = [.. UserFields.All.Where(f => f != UserFields.Status)];

    /// <summary>POST: the always-valued fields are required (firstName, lastName, groupRoles); status is not accepted (new users are Active).</summary>
    public static readonly BodyShape Create = new("CreateUserRequest",
        $"A new user. {Listed(CreateFields.Where(f => f.AlwaysValued))} are required; new users are Active.",
        Sorted(CreateFields.Select(f => Key(f, f.AlwaysValued ? Presence.Required : Presence.Optional)),
            new("password", JsonKind.String, Presence.Optional, "Required when loginEnabled is true.")));

    /// <summary>One operation of PATCH groupRoles; value is read by the reader itself (required for add, refused for remove).</summary>
    public static readonly BodyShape GroupRolePatch = new("GroupRolePatchOperation", null,
    [
        new("op", JsonKind.String, Presence.Required, "add or remove"),
        new("path", JsonKind.String, Presence.Required, "/roles for add; /groups/{groupId}/roles/{roleId} for remove"),
        new("value", JsonKind.Object, Presence.Optional, "For add: the group role to add. Not allowed for remove.", GroupRole),
    ]);

    private static BodyKey Key(UserField field, Presence presence) => field switch
    {
        FlagField => new(field.Name, JsonKind.Boolean, presence, field.Description),
        GroupIdField => new(field.Name, JsonKind.Uuid, presence, field.Description),
        GroupRolesField => new(field.Name, JsonKind.Array, presence, field.Description, GroupRoleSentBack),
        _ => new(field.Name, JsonKind.String, presence, field.Description),
    };

    /// <summary>"a, b and c".</summary>
    private static string Listed(IEnumerable<UserField> fields)
    {
        var names = fields.Select(f => f.Name).ToList();
        return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }

    /// <summary>By name, as clients see the keys listed (and the problems of a body ordered).</summary>
    private static BodyKey[] Sorted(IEnumerable<BodyKey> fields, BodyKey password) =>
        [.. fields.Append(password).OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase)];
}
