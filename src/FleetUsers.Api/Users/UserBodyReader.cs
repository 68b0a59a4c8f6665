using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>
/// Turns the JSON of PUT and POST into a <see cref="UserDraft"/>, noting every missing
/// key, wrong type and unknown key. The field rules themselves live in the domain.
/// </summary>
public static class UserBodyReader
{
    /// <summary>What responses show but no request may set: refused by name, so an over-posting client learns why.</summary>
    public static readonly string[] ReadOnlyKeys = ["userId", "createdDate", "updatedDate", "allowSafetyEventDownload", "lastLoginDate"];

    /// <summary>PUT: every key is required except password (full replacement).</summary>
    public static UserDraft ForUpdate(JsonElement body) => Read(body, creating: false);

    /// <summary>POST: firstName, lastName and groupRoles are required; status is not accepted (new users are Active).</summary>
    public static UserDraft ForCreate(JsonElement body) => Read(body, creating: true);

    private static UserDraft Read(JsonElement body, bool creating)
    {
        var problems = new List<string>();
        var json = new JsonObjectReader(body, problems);
        var editable = creating ? Presence.Optional : Presence.RequiredNullable;
        var flag = creating ? Presence.Optional : Presence.Required;

        var draft = new UserDraft
        {
            AllowVideoSearchDownload = json.Boolean("allowVideoSearchDownload", flag),
            CellPhoneCountry = json.String("cellPhoneCountry", editable),
            CellPhoneNumber = json.String("cellPhoneNumber", editable),
            Email = json.String("email", editable),
            EmployeeId = json.String("employeeId", editable),
            FirstName = json.String("firstName", Presence.Required),
            GroupRoles = ReadGroupRoles(json, problems),
            LastName = json.String("lastName", Presence.Required),
            LoginEnabled = json.Boolean("loginEnabled", flag),
            Password = json.String("password", Presence.Optional),
            PrimaryGroupId = json.Uuid("primaryGroupId", editable),
            Status = creating ? null : json.String("status", Presence.Required),
            Username = json.String("username", editable),
        };
        RejectReadOnly(json, problems);
        if (creating && json.Has("status"))
        {
            problems.Add("status cannot be set on create: new users are Active");
            json.Skip("status");
        }
        json.RejectUnknown();
        return draft with { ReadProblems = problems, UnreadableFields = json.Unreadable };
    }

    private static void RejectReadOnly(JsonObjectReader json, List<string> problems)
    {
        foreach (var key in ReadOnlyKeys.Where(json.Has))
        {
            problems.Add($"{key} is read-only");
            json.Skip(key);
        }
    }

    private static List<GroupRole>? ReadGroupRoles(JsonObjectReader json, List<string> problems)
    {
        if (json.Array("groupRoles", Presence.Required) is not { } array)
        {
            return null;
        }
        var roles = new List<GroupRole>();
        var index = 0;
        var complete = true;
        foreach (var item in array.EnumerateArray())
        {
            var entry = new JsonObjectReader(item, problems, $"groupRoles[{index}].");
            var groupId = entry.Uuid("groupId", Presence.Required);
            var roleId = entry.Int32("roleId", Presence.Required);
            // groupName is what responses show; a client that sends back what it read may include it. It is ignored.
            entry.String("groupName", Presence.Optional);
            entry.RejectUnknown();
            if (groupId is { } g && roleId is { } r)
            {
                roles.Add(new GroupRole(g, r));
            }
            else
            {
                complete = false;
            }
            index++;
        }
        return complete ? roles : null;
    }
}
