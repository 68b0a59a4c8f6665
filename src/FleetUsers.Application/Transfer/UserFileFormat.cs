using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// One user in an import or export file, as text. <see cref="GroupRoles"/> lists
/// <c>group:role</c> pairs separated by <c>;</c>, where the group is its fullPath (names from the
/// root, joined by <c>\</c>, as the API shows it) or its id, and the role its name or id:
/// <c>Acme\West\California:Driver;Acme\West:Coach</c>. <see cref="PrimaryGroup"/> is a path or id too.
/// </summary>
public sealed record UserFileRow
{
    /// <summary>Where the row starts in the file (the header is line 1): what a report names.</summary>
    public int Line { get; init; }
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";
    public string? Username { get; init; }
    public string? EmployeeId { get; init; }
    public string? Email { get; init; }
    public string? CellPhoneCountry { get; init; }
    public string? CellPhoneNumber { get; init; }
    public string? Status { get; init; }
    public string GroupRoles { get; init; } = "";
    public string? PrimaryGroup { get; init; }
    public string? AllowVideoSearchDownload { get; init; }
}

/// <summary>The columns of the file format, and how groups and roles are written in it.</summary>
public static class UserFileFormat
{
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Username = "username";
    public const string EmployeeId = "employeeId";
    public const string Email = "email";
    public const string CellPhoneCountry = "cellPhoneCountry";
    public const string CellPhoneNumber = "cellPhoneNumber";
    public const string Status = "status";
    public const string GroupRoles = "groupRoles";
    public const string PrimaryGroup = "primaryGroup";
    public const string AllowVideoSearchDownload = "allowVideoSearchDownload";

    /// <summary>Every column, in the order an export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [FirstName, LastName, Username, EmployeeId, Email, CellPhoneCountry, CellPhoneNumber, Status, GroupRoles, PrimaryGroup, AllowVideoSearchDownload];

    /// <summary>A row's value in the named column, so that a file's fields follow <see cref="Columns"/> by construction.</summary>
    public static string? Value(UserFileRow row, string column) => column switch
    {
        FirstName => row.FirstName,
        LastName => row.LastName,
        Username => row.Username,
        EmployeeId => row.EmployeeId,
        Email => row.Email,
        CellPhoneCountry => row.CellPhoneCountry,
        CellPhoneNumber => row.CellPhoneNumber,
        Status => row.Status,
        GroupRoles => row.GroupRoles,
        PrimaryGroup => row.PrimaryGroup,
        AllowVideoSearchDownload => row.AllowVideoSearchDownload,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of the user file."),
    };

    /// <summary>The columns an import file must have.</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = [FirstName, LastName, GroupRoles];

    public const char PairSeparator = ';';
    public const char RoleSeparator = ':';

    /// <summary>How a group is written: its path, or its id when the path holds the pair separator.</summary>
    public static string GroupText(GroupTree tree, Guid groupId) => GroupText(tree.FullPath(groupId), groupId);

    public static string GroupText(string fullPath, Guid groupId) =>
        fullPath.Contains(PairSeparator, StringComparison.Ordinal) ? groupId.ToString() : fullPath;

    public static string RoleText(int roleId) => RoleCatalog.All.FirstOrDefault(r => r.Id == roleId)?.Name ?? roleId.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
