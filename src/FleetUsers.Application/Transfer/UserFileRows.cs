using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// A user and a row of the file, both ways, field by field (<see cref="UserFields.FileColumns"/>): text
/// as written, true/false, and the two columns that name groups (by path or id) and roles (by name or id).
/// </summary>
public static class UserFileRows
{
    /// <summary>The row as the API would have received it: a draft for the same rules (an import sets no password, so no login).</summary>
    public static UserDraft ToDraft(UserFileRow row, UserFileFormat.GroupFinder groups)
    {
        var problems = new List<string>();
        var unreadable = new HashSet<string>();
        var profile = new UserProfile();
        foreach (var field in UserFields.FileColumns)
        {
            var text = row[UserFileFormat.Column(field)];
            switch (field)
            {
                case TextField status when status == UserFields.Status && string.IsNullOrWhiteSpace(text):
                    break; // a blank status is the default one: Active
                case TextField textField:
                    profile = textField.With(profile, text);
                    break;
                case FlagField flag:
                    bool? value = string.IsNullOrWhiteSpace(text) ? false : bool.TryParse(text.Trim(), out var parsed) ? parsed : null;
                    if (value is null)
                    {
                        problems.Add($"{flag.FileColumn} must be true or false");
                        unreadable.Add(flag.Name);
                    }
                    profile = flag.With(profile, value ?? false);
                    break;
                case GroupRolesField roles:
                    var groupRoles = ReadGroupRoles(text, groups, problems);
                    if (groupRoles is null)
                    {
                        unreadable.Add(roles.Name);
                    }
                    profile = roles.With(profile, groupRoles ?? []);
                    break;
                case GroupIdField group when !string.IsNullOrWhiteSpace(text):
                    var id = groups.Find(text);
                    if (id is null)
                    {
                        problems.Add($"{group.FileColumn} {text} is not a group of this company");
                    }
                    profile = group.With(profile, id);
                    break;
            }
        }
        return new UserDraft { Sent = profile, ReadProblems = problems, UnreadableFields = unreadable };
    }

    /// <summary>The user as a row of an export; <paramref name="pathOf"/> gives a group's path (built once per group by the caller).</summary>
    public static UserFileRow FromUser(UserAccount user, GroupTree tree, Func<Guid, string> pathOf)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in UserFields.FileColumns)
        {
            var text = field switch
            {
                TextField textField => textField.Get(user.Profile),
                FlagField flag => flag.Get(user.Profile) ? "true" : "false",
                GroupRolesField roles => string.Join(UserFileFormat.PairSeparator, roles.Get(user.Profile)
                    .OrderBy(r => pathOf(r.GroupId), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.RoleId)
                    .Select(r => $"{UserFileFormat.GroupText(pathOf(r.GroupId), r.GroupId)}{UserFileFormat.RoleSeparator}{UserFileFormat.RoleText(r.RoleId)}")),
                GroupIdField group => group.Get(user.Profile) is { } id && tree.Contains(id) ? UserFileFormat.GroupText(pathOf(id), id) : null,
                _ => null,
            };
            if (text is not null)
            {
                values[UserFileFormat.Column(field)] = text;
            }
        }
        return new UserFileRow(0, values);
    }

    private static List<GroupRole>? ReadGroupRoles(string? text, UserFileFormat.GroupFinder groups, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add("groupRoles is required: group:role pairs separated by ;");
            return null;
        }
        var roles = new List<GroupRole>();
        var pairs = text.Split(UserFileFormat.PairSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            var colon = pairs[i].LastIndexOf(UserFileFormat.RoleSeparator);
            if (colon <= 0)
            {
                problems.Add($"groupRoles[{i}] {pairs[i]} must be group:role");
                continue;
            }
            var group = groups.Find(pairs[i][..colon]);
            var role = UserFileFormat.FindRole(pairs[i][(colon + 1)..]);
            if (group is null)
            {
                problems.Add($"groupRoles[{i}] group {pairs[i][..colon]} is not a group of this company");
            }
            if (role is null)
            {
                problems.Add($"groupRoles[{i}] role {pairs[i][(colon + 1)..]} is not a role of the catalogue ({string.Join(", ", RoleCatalog.All.Select(r => r.Name))})");
            }
            if (group is { } g && role is { } r)
            {
                roles.Add(new GroupRole(g, r));
            }
        }
        return roles.Count == pairs.Length && pairs.Length > 0 ? roles : null;
    }
}
