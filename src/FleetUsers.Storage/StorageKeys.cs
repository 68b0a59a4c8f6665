using System.Text;
using FleetUsers.Domain.Users;

namespace FleetUsers.Storage;

/// <summary>
/// The lower-cased forms that unique indexes, sorting and search compare. Computed here, not by
/// the database, so every engine folds letter case identically (the unique ones: <see cref="NameKeys"/>).
/// </summary>
public static class StorageKeys
{
    /// <summary>What lists are ordered by: the name lower-cased, compared by code point on every engine.</summary>
    public static string SortKey(string name) => name.ToLowerInvariant();

    /// <summary>What searchText is matched against: "first last", username and employee id, one per line.</summary>
    public static string SearchText(UserProfile user) =>
        $"{user.FirstName} {user.LastName}\n{user.Username}\n{user.EmployeeId}".ToLowerInvariant();

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
