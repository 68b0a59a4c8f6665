using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Users;

/// <summary>
/// A user's editable state after every rule passed, normalised for storage: trimmed,
/// empty strings as null, country in upper case, status in canonical case.
/// </summary>
public sealed record ValidUser(
    string FirstName,
    string LastName,
    string? Username,
    string? EmployeeId,
    string? Email,
    string? CellPhoneCountry,
    string? CellPhoneNumber,
    string Status,
    bool LoginEnabled,
    string? NewPassword,
    bool AllowVideoSearchDownload,
    IReadOnlyList<GroupRole> GroupRoles,
    Guid? PrimaryGroupId);
