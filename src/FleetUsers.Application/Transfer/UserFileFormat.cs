using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// One user in an import or export file, as text: the value of each column (<see cref="UserFileFormat.Columns"/>),
/// empty ones left out. The <c>groupRoles</c> column lists <c>group:role</c> pairs separated by <c>;</c>, where the
/// group is its fullPath (names from the root, joined by <c>\</c>, as the API shows it) or its id, and the role
/// its name or id: <c>Acme\West\California:Driver;Acme\West:Coach</c>. <c>primaryGroup</c> is a path or id too.
/// </summary>
public sealed record UserFileRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The column's value; null when the row leaves it empty.</summary>
    public string? this[string column] => Values.TryGetValue(column, out var value) ? value : null;
}

/// <summary>The columns of the file format (the file's fields of <see cref="UserFields"/>), and how groups and roles are written in it.</summary>
public static class UserFileFormat
{
    /// <summary>Every column, in the order an export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } = UserFields.FileColumns.Select(Column).ToList();

    /// <summary>The columns an import file must have.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = [Column(UserFields.FirstName), Column(UserFields.LastName), Column(UserFields.GroupRoles)];

    public static string Column(UserField field) =>
        field.FileColumn ?? throw new ArgumentException($"{field.Name} is not a column of the user file.", nameof(field));

    public const char PairSeparator = ';';
    public const char RoleSeparator = ':';

    /// <summary>How a group is written: its path, or its id when the path holds the pair separator.</summary>
    public static string GroupText(string fullPath, Guid groupId) =>
        fullPath.Contains(PairSeparator, StringComparison.Ordinal) ? groupId.ToString() : fullPath;

    public static string RoleText(int roleId) => RoleCatalog.NameOf(roleId);

    /// <summary>
    /// Finds groups by fullPath (letter case ignored, as sibling names are unique that way) or id. A
    /// path is followed name by name from the root, so no group's path is built to find one.
    /// </summary>
    public sealed class GroupFinder(GroupTree tree)
    {
        public Guid? Find(string text)
        {
            var trimmed = text.Trim();
            if (Guid.TryParse(trimmed, out var id))
            {
                return tree.Contains(id) ? id : null;
            }
            if (tree.Root is not { } root || !trimmed.StartsWith(root.Name, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
            // The root's name is matched whole: a company's name may itself hold a backslash.
            var rest = trimmed[root.Name.Length..];
            if (rest.Length == 0)
            {
                return root.Id;
            }
            if (rest[0] != '\\')
            {
                return null;
            }
            Group? current = root;
            foreach (var name in rest[1..].Split('\\'))
            {
                current = tree.Children(current.Id).FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (current is null)
                {
                    return null;
                }
            }
            return current.Id;
        }
    }

    /// <summary>A role by its name (letter case ignored) or id.</summary>
    public static int? FindRole(string text)
    {
        var trimmed = text.Trim();
        if (int.TryParse(trimmed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return RoleCatalog.Contains(id) ? id : null;
        }
        return RoleCatalog.All.FirstOrDefault(r => r.Name.Equals(trimmed, StringComparison.OrdinalIgnoreCase))?.Id;
    }
}
