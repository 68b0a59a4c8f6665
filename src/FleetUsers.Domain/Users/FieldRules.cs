using System.Net.Mail;

namespace FleetUsers.Domain.Users;

/// <summary>The format rule of each single field; each returns the problem, or null when the value is fine.</summary>
public static class FieldRules
{
    public const int MaxNameLength = 100;
    public const int MaxUsernameLength = 50;
    public const int MaxEmployeeIdLength = 50;
    public const int MaxEmailLength = 254;

    public static string? Name(string field, string value)
    {
        if (value.Trim().Length == 0)
        {
            return $"{field} must not be empty";
        }
        if (value.Trim().Length > MaxNameLength)
        {
            return $"{field} must be at most {MaxNameLength} characters";
        }
        return HasControlCharacters(value) ? $"{field} must not contain control characters" : null;
    }

    /// <summary>Letters and digits of ASCII, and the four characters . _ - @.</summary>
    public static bool IsUsernameCharacter(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@';

    public static string? Username(string value) =>
        value.Length <= MaxUsernameLength && value.All(IsUsernameCharacter)
            ? null
            : $"username must be 1 to {MaxUsernameLength} characters of letters, digits and . _ - @";

    public static string? EmployeeId(string value)
    {
        if (value.Length > MaxEmployeeIdLength)
        {
            return $"employeeId must be at most {MaxEmployeeIdLength} characters";
        }
        return HasControlCharacters(value) ? "employeeId must not contain control characters" : null;
    }

    public static string? Email(string value)
    {
        if (value.Length > MaxEmailLength)
        {
            return $"email must be at most {MaxEmailLength} characters";
        }
        // MailAddress also accepts "Name <a@b>" and comments; only a bare address is an email here.
        var valid = !value.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(value, out var address)
            && address.Address == value
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.StartsWith('.')
            && !address.Host.EndsWith('.');
        return valid ? null : "email must be a valid email address";
    }

    public static bool IsPhoneCountry(string value) =>
        value.Equals("US", StringComparison.OrdinalIgnoreCase) || value.Equals("CA", StringComparison.OrdinalIgnoreCase);

    /// <summary>7 to 15 digits; an optional leading +; spaces, dashes, dots and parentheses between.</summary>
    public static string? PhoneNumber(string value)
    {
        var body = value.StartsWith('+') ? value[1..] : value;
        var onlyAllowed = body.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '.' or '(' or ')');
        var digits = body.Count(char.IsAsciiDigit);
        return onlyAllowed && digits is >= 7 and <= 15
            ? null
            : "cellPhoneNumber must have 7 to 15 digits, with only an optional leading +, spaces, dashes, dots and parentheses besides";
    }

    public static bool HasControlCharacters(string value) => value.Any(char.IsControl);
}
