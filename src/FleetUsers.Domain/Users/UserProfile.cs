using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

/// <summary>
/// The editable fields of a user: what a client sets with PUT or POST, an import file carries,
/// the audit trail follows and the store keeps in the user's row. Every view of a user reads and
/// writes these through the field table (<see cref="UserFields"/>). A profile as sent (in a
/// <see cref="UserDraft"/>) may break the rules; a checked one is trimmed and normalised, and
/// a stored one always has a username.
/// </summary>
public sealed record UserProfile
{
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";

    /// <summary>Null or empty as sent: one is generated.</summary>
    public string? Username { get; init; }
    public string? EmployeeId { get; init; }
    public string? Email { get; init; }
    public string? CellPhoneCountry { get; init; }
    public string? CellPhoneNumber { get; init; }
    public string Status { get; init; } = UserStatus.Active;
    public bool LoginEnabled { get; init; }
    public bool AllowVideoSearchDownload { get; init; }
    public IReadOnlyList<GroupRole> GroupRoles { get; init; } = [];

    /// <summary>As stored: null derives it (<see cref="PrimaryGroup.Resolve"/>).</summary>
    public Guid? PrimaryGroupId { get; init; }
}
