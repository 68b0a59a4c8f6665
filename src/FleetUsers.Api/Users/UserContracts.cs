using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FleetUsers.Api.Http;
using FleetUsers.Application.Users;

namespace FleetUsers.Api.Users;

// The shapes clients see. Requests are read by UserBodyReader (to report every problem at
// once); these request records describe them for the OpenAPI document.

public sealed record GroupRoleRequest(
    [property: Required, Description("A group of the caller's company, within the caller's reach.")] Guid GroupId,
    [property: Required, Description("A role id of the catalogue (GET /v1/users/roles).")] int RoleId);

public sealed record GroupRoleResponse(Guid GroupId, string GroupName, int RoleId);

[Description("Full replacement of the user's editable state. Every key is required except password.")]
public sealed record UpdateUserRequest(
    [property: Required, Description("True only for a user with the Video Reviewer or Video Reviewer Plus role.")] bool AllowVideoSearchDownload,
    [property: Required, Description("US or CA; set together with cellPhoneNumber, or both null.")] string? CellPhoneCountry,
    [property: Required, Description("7 to 15 digits; an optional leading +, spaces, dashes, dots and parentheses.")] string? CellPhoneNumber,
    [property: Required, Description("A valid email address, at most 254 characters.")] string? Email,
    [property: Required, Description("At most 50 characters; unique within the company.")] string? EmployeeId,
    [property: Required, Description("1 to 100 characters.")] string FirstName,
    [property: Required, Description("At least one; no pair twice.")] IReadOnlyList<GroupRoleRequest> GroupRoles,
    [property: Required, Description("1 to 100 characters.")] string LastName,
    [property: Required, Description("True needs a password: sent here or already stored.")] bool LoginEnabled,
    [property: Required, Description("One of the groups in groupRoles; null derives it.")] Guid? PrimaryGroupId,
    [property: Required, Description("Active or Inactive.")] string Status,
    [property: Required, Description("1 to 50 letters, digits and . _ - @; unique across all companies. Null or empty generates one.")] string? Username,
    [property: Description("Only to change the password: 8 to 128 characters, three of lower, upper, digit, symbol. Absent or null keeps it.")] string? Password = null);

[Description("A new user. firstName, lastName and groupRoles are required; new users are Active.")]
public sealed record CreateUserRequest(
    [property: Required] string FirstName,
    [property: Required] IReadOnlyList<GroupRoleRequest> GroupRoles,
    [property: Required] string LastName,
    bool? AllowVideoSearchDownload = null,
    string? CellPhoneCountry = null,
    string? CellPhoneNumber = null,
    string? Email = null,
    string? EmployeeId = null,
    bool? LoginEnabled = null,
    [property: Description("Required when loginEnabled is true.")] string? Password = null,
    Guid? PrimaryGroupId = null,
    string? Username = null);

/// <summary>FullUserResponse: what create, get and update return.</summary>
public sealed record FullUserResponse(
    Guid UserId,
    bool AllowSafetyEventDownload,
    bool AllowVideoSearchDownload,
    string? CellPhoneCountry,
    string? CellPhoneNumber,
    DateTimeOffset CreatedDate,
    string? Email,
    string? EmployeeId,
    string FirstName,
    IReadOnlyList<GroupRoleResponse> GroupRoles,
    DateTimeOffset? LastLoginDate,
    string LastName,
    bool LoginEnabled,
    Guid? PrimaryGroupId,
    string Status,
    DateTimeOffset UpdatedDate,
    string Username)
{
    public static FullUserResponse From(UserDetails details)
    {
        var u = details.Profile;
        return new FullUserResponse(details.Id, details.AllowSafetyEventDownload, u.AllowVideoSearchDownload, u.CellPhoneCountry,
            u.CellPhoneNumber, details.CreatedDate, u.Email, u.EmployeeId, u.FirstName,
            details.GroupRoles.Select(r => new GroupRoleResponse(r.GroupId, r.GroupName, r.RoleId)).ToList(),
            details.LastLoginDate, u.LastName, u.LoginEnabled, details.PrimaryGroupId, u.Status, details.UpdatedDate, u.Username ?? "");
    }
}

public sealed record UserListResponse(IReadOnlyList<FullUserResponse> Data, ListMetadata Metadata);

public sealed record GroupRolePatchOperation(
    [property: Required, Description("add or remove")] string Op,
    [property: Required, Description("/roles for add; /groups/{groupId}/roles/{roleId} for remove")] string Path,
    [property: Description("For add: the group role to add. Not allowed for remove.")] GroupRoleRequest? Value = null);

public sealed record SimpleGroupRole(Guid GroupId, int RoleId);

public sealed record GroupRolesResponse(Guid UserId, IReadOnlyList<SimpleGroupRole> GroupRoles);
