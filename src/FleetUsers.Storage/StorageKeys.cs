using System.Text;

namespace FleetUsers.Storage;

/// <summary>
/// The lower-cased forms that unique indexes and search compare. Computed here, not by
/// the database, so SQLite and PostgreSQL fold letter case identically.
/// </summary>
public static class StorageKeys
{
    public static string Username(string username) => username.ToLowerInvariant();

    public static string? EmployeeId(string? employeeId) => employeeId?.ToLowerInvariant();

    /// <summary>Group names are unique among siblings in this form.</summary>
    public static string GroupName(string name) => name.ToLowerInvariant();

    /// <summary>What lists are ordered by: the name lower-cased, compared by code point on both stores.</summary>
    public static string SortKey(string name) => name.ToLowerInvariant();

    /// <summary>What searchText is matched against: "first last", username and employee id, one per line.</summary>
    public static string SearchText(string firstName, string lastName, string username, string? employeeId) =>
        $"{firstName} {lastName}\n{username}\n{employeeId}".ToLowerInvariant();

    /// <summary>The text as one full-text phrase (in double quotes, its own quotes doubled): every character literal.</summary>
    public static string Phrase(string text) => "\"" + text.ToLowerInvariant().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A LIKE pattern matching the text anywhere, with the text's own % _ \ taken literally.</summary>
    public static string ContainsPattern(string text)
    {
        var pattern = new StringBuilder("%");
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '%' or '_' or '\\')
            {
                pattern.Append('\\');
            }
            pattern.Append(c);
        }
        return pattern.Append('%').ToString();
    }
}
