using System.Globalization;
using System.Text;

namespace FleetUsers.Domain.Users;

/// <summary>
/// Usernames for users created or updated without one: FirstnameLastnameEmployeeID (or
/// FirstnameLastname without an employee id); when that is taken, the same followed by an
/// 8-digit hash of the employee id (or of the user id), then further derived hashes.
/// </summary>
public static class UsernameGenerator
{
    private const int HashDigits = 8;
    private const string Fallback = "user";

    /// <summary>Candidates in order of preference; the caller takes the first that is free. Never ends.</summary>
    public static IEnumerable<string> Candidates(string firstName, string lastName, string? employeeId, Guid userId)
    {
        var name = Clean(firstName) + Clean(lastName) + Clean(employeeId ?? "");
        if (name.Length == 0)
        {
            name = Fallback;
        }
        yield return Truncate(name, FieldRules.MaxUsernameLength);

        var stem = Truncate(name, FieldRules.MaxUsernameLength - HashDigits);
        var seed = string.IsNullOrEmpty(employeeId) ? userId.ToString("N") : employeeId.ToUpperInvariant();
        for (var attempt = 0; ; attempt++)
        {
            var input = attempt == 0 ? seed : $"{seed}#{attempt}";
            yield return stem + EightDigitHash(input);
        }
    }

    /// <summary>Keeps the characters a username may hold; letters lose their accents (José → Jose).</summary>
    public static string Clean(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (FieldRules.IsUsernameCharacter(c))
            {
                builder.Append(c);
            }
            else if (LatinLetters.Plain(c) is { } plain)
            {
                builder.Append(plain);
            }
        }
        return builder.ToString();
    }

    /// <summary>FNV-1a over the UTF-8 bytes, reduced to 8 decimal digits: stable across processes and versions.</summary>
    public static string EightDigitHash(string input)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(input))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return (hash % 100_000_000UL).ToString("D8", CultureInfo.InvariantCulture);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
