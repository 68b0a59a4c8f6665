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

        var allowVideoSearchDownload = json.Boolean("allowVideoSearchDownload", flag);
        var cellPhoneCountry = json.String("cellPhoneCountry", editable);
        var cellPhoneNumber = json.String("cellPhoneNumber", editable);
        var email = json.String("email", editable);
        var employeeId = json.String("employeeId", editable);
        var firstName = json.String("firstName", Presence.Required);
        var groupRoles = ReadGroupRoles(json, problems);
        var lastName = json.String("lastName", Presence.Required);
        var loginEnabled = json.Boolean("loginEnabled", flag);
        var password = json.String("password", Presence.Optional);
        var primaryGroupId = json.Uuid("primaryGroupId", editable);
        var status = creating ? null : json.String("status", Presence.Required);
        var username = json.String("username", editable);
        var sent = new UserProfile
        {
            FirstName = firstName ?? "",
            LastName = lastName ?? "",
            Username = username,
            EmployeeId = employeeId,
            Email = email,
            CellPhoneCountry = cellPhoneCountry,
            CellPhoneNumber = cellPhoneNumber,
            Status = status ?? UserStatus.Active,
            LoginEnabled = loginEnabled ?? false,
            AllowVideoSearchDownload = allowVideoSearchDownload ?? false,
            GroupRoles = groupRoles ?? [],
            PrimaryGroupId = primaryGroupId,
        };
        if (json.Has("groupRoles") && groupRoles is null)
        {
            json.Unreadable.Add("groupRoles");
        }
        RejectReadOnly(json, problems);
        if (creating && json.Has("status"))
        {
            problems.Add("status cannot be set on create: new users are Active");
            json.Skip("status");
        }
        json.RejectUnknown();
        return new UserDraft { Sent = sent, Password = password, ReadProblems = problems, UnreadableFields = json.Unreadable };
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
