namespace FleetUsers.Domain.Users;

public static class UserStatus
{
    public const string Active = "Active";
    public const string Inactive = "Inactive";

    /// <summary>Accepts any letter case; returns the canonical spelling, or null when unknown.</summary>
    public static string? Canonical(string value) =>
        string.Equals(value, Active, StringComparison.OrdinalIgnoreCase) ? Active
        : string.Equals(value, Inactive, StringComparison.OrdinalIgnoreCase) ? Inactive
        : null;
}
