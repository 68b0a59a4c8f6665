using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Domain.Users;

/// <summary>What the rules know besides the request: the company's groups and the stored password.</summary>
public sealed record UserRuleContext(GroupTree Groups, bool HasStoredPassword);

/// <summary>
/// The field rules of create and update (the contract's table). Every problem is
/// reported, each naming its field; nothing here touches HTTP or storage.
/// </summary>
public static class UserRules
{
    public static (ValidUser? User, IReadOnlyList<string> Problems) Check(UserDraft draft, UserRuleContext context)
    {
        var problems = new List<string>(draft.ReadProblems);

        Add(problems, draft.FirstName is { } first ? FieldRules.Name("firstName", first) : null);
        Add(problems, draft.LastName is { } last ? FieldRules.Name("lastName", last) : null);

        var username = EmptyAsNull(draft.Username);
        Add(problems, username is not null ? FieldRules.Username(username) : null);

        var employeeId = EmptyAsNull(draft.EmployeeId?.Trim());
        Add(problems, employeeId is not null ? FieldRules.EmployeeId(employeeId) : null);

        var email = EmptyAsNull(draft.Email?.Trim());
        Add(problems, email is not null ? FieldRules.Email(email) : null);

        var (country, phone) = CheckPhone(draft, problems);

        string? status = null;
        if (draft.Status is { } givenStatus)
        {
            status = UserStatus.Canonical(givenStatus.Trim());
            Add(problems, status is null ? "status must be Active or Inactive" : null);
        }

        var groupRoles = draft.GroupRoles is { } roles ? CheckGroupRoles(roles, context.Groups, problems) : null;

        if (draft.PrimaryGroupId is { } primary && groupRoles is not null && groupRoles.All(r => r.GroupId != primary))
        {
            problems.Add("primaryGroupId must be one of the groups in groupRoles");
        }

        if (draft.AllowVideoSearchDownload == true && groupRoles is not null
            && !groupRoles.Any(r => RoleCatalog.AllowsVideoDownload(r.RoleId)))
        {
            problems.Add("allowVideoSearchDownload can be true only for a user with the Video Reviewer or Video Reviewer Plus role");
        }

        var password = draft.Password;
        if (password is not null)
        {
            problems.AddRange(PasswordPolicy.Problems(password, username));
        }
        if (draft.LoginEnabled == true && password is null && !context.HasStoredPassword)
        {
            problems.Add("loginEnabled can be true only with a password: send password, or store one first");
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var user = new ValidUser(
            FirstName: draft.FirstName!.Trim(),
            LastName: draft.LastName!.Trim(),
            Username: username,
            EmployeeId: employeeId,
            Email: email,
            CellPhoneCountry: country,
            CellPhoneNumber: phone,
            Status: status ?? UserStatus.Active,
            LoginEnabled: draft.LoginEnabled ?? false,
            NewPassword: password,
            AllowVideoSearchDownload: draft.AllowVideoSearchDownload ?? false,
            GroupRoles: groupRoles!,
            PrimaryGroupId: draft.PrimaryGroupId);
        return (user, problems);
    }

    /// <summary>The group-role rules shared by full updates and group-role patches.</summary>
    public static IReadOnlyList<GroupRole> CheckGroupRoles(IReadOnlyList<GroupRole> roles, GroupTree groups, List<string> problems)
    {
        if (roles.Count == 0)
        {
            problems.Add("groupRoles must contain at least one group role");
        }
        var seen = new Dictionary<GroupRole, int>();
        for (var i = 0; i < roles.Count; i++)
        {
            var role = roles[i];
            if (!groups.Contains(role.GroupId))
            {
                problems.Add($"groupRoles[{i}].groupId {role.GroupId} is not a group of this company");
            }
            if (!RoleCatalog.Contains(role.RoleId))
            {
                problems.Add($"groupRoles[{i}].roleId {role.RoleId} is not a role of the catalogue");
            }
            if (seen.TryGetValue(role, out var first))
            {
                problems.Add($"groupRoles[{i}] repeats groupRoles[{first}]");
            }
            else
            {
                seen[role] = i;
            }
        }
        return roles;
    }

    private static (string? Country, string? Number) CheckPhone(UserDraft draft, List<string> problems)
    {
        var country = EmptyAsNull(draft.CellPhoneCountry?.Trim());
        var number = EmptyAsNull(draft.CellPhoneNumber?.Trim());
        if (country is not null && !FieldRules.IsPhoneCountry(country))
        {
            problems.Add("cellPhoneCountry must be US or CA");
        }
        if (number is not null)
        {
            Add(problems, FieldRules.PhoneNumber(number));
        }
        var pairUnknown = draft.UnreadableFields.Contains("cellPhoneCountry") || draft.UnreadableFields.Contains("cellPhoneNumber");
        if (pairUnknown)
        {
            return (country?.ToUpperInvariant(), number);
        }
        if (country is null && number is not null)
        {
            problems.Add("cellPhoneCountry is required when cellPhoneNumber is set");
        }
        if (country is not null && number is null)
        {
            problems.Add("cellPhoneNumber is required when cellPhoneCountry is set");
        }
        return (country?.ToUpperInvariant(), number);
    }

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
