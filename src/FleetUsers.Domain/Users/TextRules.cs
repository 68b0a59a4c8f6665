namespace FleetUsers.Domain.Users;

/// <summary>The rules of the text fields: from the text as sent to the value kept, and the problem if there is one.</summary>
public static class TextRules
{
    /// <summary>Required (the reader reports a missing one), 1 to 100 characters once trimmed, without control characters; kept trimmed.</summary>
    public static Func<string?, (string?, string?)> Name(string field) =>
        sent => sent is null ? (null, null) : (sent.Trim(), FieldRules.Name(field, sent));

    /// <summary>Empty means none (one is generated); otherwise the username's characters and length.</summary>
    public static (string?, string?) Username(string? sent) =>
        EmptyAsNull(sent) is { } username ? (username, FieldRules.Username(username)) : (null, null);

    /// <summary>Trimmed, empty as none; the check runs on what is kept.</summary>
    public static Func<string?, (string?, string?)> Trimmed(Func<string, string?> check) =>
        sent => EmptyAsNull(sent?.Trim()) is { } value ? (value, check(value)) : (null, null);

    /// <summary>US or CA in any letter case; kept in upper case.</summary>
    public static (string?, string?) PhoneCountry(string? sent) =>
        EmptyAsNull(sent?.Trim()) is { } country
            ? (country.ToUpperInvariant(), FieldRules.IsPhoneCountry(country) ? null : "cellPhoneCountry must be US or CA")
            : (null, null);

    /// <summary>Active or Inactive in any letter case; kept in its canonical case. Not sent: Active.</summary>
    public static (string?, string?) Status(string? sent) =>
        sent is null ? (UserStatus.Active, null)
        : UserStatus.Canonical(sent.Trim()) is { } status ? (status, null)
        : (sent, "status must be Active or Inactive");

    private static string? EmptyAsNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
