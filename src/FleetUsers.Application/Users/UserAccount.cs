using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// A user as the application keeps it: its profile (the editable fields), and what only the
/// service sets: identity, password hash, dates, version and security stamp. Never a response:
/// responses are built from <see cref="UserDetails"/>, which carries no hash.
/// </summary>
public sealed class UserAccount
{
    public required Guid Id { get; init; }

    public required Guid CompanyId { get; init; }

    public UserProfile Profile { get; set; } = new();

    public string? PasswordHash { get; set; }

    public bool AllowSafetyEventDownload { get; set; }

    public DateTimeOffset CreatedDate { get; init; }

    public DateTimeOffset UpdatedDate { get; set; }

    public DateTimeOffset? LastLoginDate { get; set; }

    /// <summary>Bumped by every change; the user's ETag.</summary>
    public int Version { get; set; }

    /// <summary>Written into the user's tokens; a new one ends every token issued before it. Empty until the first.</summary>
    public string SecurityStamp { get; set; } = "";

    /// <summary>The identity provider's id of the user (SCIM <c>externalId</c>); kept outside the profile, so the REST API's PUT leaves it.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The externalId as the store held it when this user was read (null for a new user): the audit trail records a change of it.</summary>
    public string? StoredExternalId { get; init; }

    /// <summary>Deleted through SCIM: deactivated, and unknown to SCIM until a POST of its userName provisions it again.</summary>
    public bool ScimRemoved { get; set; }

    /// <summary>A stored user always has one.</summary>
    public string Username => Profile.Username ?? "";

    public IReadOnlyList<GroupRole> GroupRoles => Profile.GroupRoles;

    /// <summary>Whether the user may log in (given the right password).</summary>
    public bool CanLogIn => Profile.LoginEnabled && Profile.Status == UserStatus.Active;
}
