using FleetUsers.Domain.Groups;

namespace FleetUsers.Storage;

/// <summary>A user as stored: one row of <c>users</c> plus its rows of <c>user_group_roles</c>.</summary>
public sealed class StoredUser
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Username { get; set; } = "";
    public string? EmployeeId { get; set; }
    public string? Email { get; set; }
    public string? CellPhoneCountry { get; set; }
    public string? CellPhoneNumber { get; set; }
    public string Status { get; set; } = "";
    public bool LoginEnabled { get; set; }
    public string? PasswordHash { get; set; }
    public bool AllowVideoSearchDownload { get; set; }
    public bool AllowSafetyEventDownload { get; set; }
    public Guid? PrimaryGroupId { get; set; }
    public DateTimeOffset CreatedDate { get; set; }
    public DateTimeOffset UpdatedDate { get; set; }
    public DateTimeOffset? LastLoginDate { get; set; }

    /// <summary>Bumped by every change; the user's ETag.</summary>
    public int Version { get; set; }

    /// <summary>Written into the user's tokens; a new one ends every token issued before it. Empty until the first.</summary>
    public string SecurityStamp { get; set; } = "";

    public List<GroupRole> GroupRoles { get; set; } = [];
}
