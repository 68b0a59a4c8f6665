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
        var sent = draft.Sent;
        var profile = sent;
        foreach (var field in UserFields.Texts.Where(draft.IsReadable))
        {
            var (value, problem) = field.Check(field.Get(sent));
            Add(problems, problem);
            profile = field.With(profile, value);
        }
        CheckPhonePair(draft, profile, problems);

        var groupRoles = draft.IsReadable(UserFields.GroupRoles) ? CheckGroupRoles(sent.GroupRoles, context.Groups, problems) : null;
        if (groupRoles is not null)
        {
            Add(problems, PrimaryGroup.Problem(sent.PrimaryGroupId, groupRoles));
            if (sent.AllowVideoSearchDownload && !groupRoles.Any(r => RoleCatalog.AllowsVideoDownload(r.RoleId)))
            {
                problems.Add("allowVideoSearchDownload can be true only for a user with the Video Reviewer or Video Reviewer Plus role");
            }
        }

        if (draft.Password is { } password)
        {
            problems.AddRange(PasswordPolicy.Problems(password, profile.Username));
        }
        if (sent.LoginEnabled && draft.Password is null && !context.HasStoredPassword)
        {
            problems.Add("loginEnabled can be true only with a password: send password, or store one first");
        }
        return problems.Count > 0 ? (null, problems) : (new ValidUser(profile, draft.Password), problems);
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

    /// <summary>Country and number are set together or not at all (unless one of them could not be read: that was said already).</summary>
    private static void CheckPhonePair(UserDraft draft, UserProfile checkedProfile, List<string> problems)
    {
        if (!draft.IsReadable(UserFields.CellPhoneCountry) || !draft.IsReadable(UserFields.CellPhoneNumber))
        {
            return;
        }
        var (country, number) = (checkedProfile.CellPhoneCountry, checkedProfile.CellPhoneNumber);
        if (country is null && number is not null)
        {
            problems.Add("cellPhoneCountry is required when cellPhoneNumber is set");
        }
        if (country is not null && number is null)
        {
            problems.Add("cellPhoneNumber is required when cellPhoneCountry is set");
        }
    }

    private static void Add(List<string> problems, string? problem)
    {
        if (problem is not null)
        {
            problems.Add(problem);
        }
    }
}
