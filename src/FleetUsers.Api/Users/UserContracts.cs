using FleetUsers.Api.Http;
using FleetUsers.Application.Users;

namespace FleetUsers.Api.Users;

// The shapes of the responses; the request bodies are declared in UserRequests.

public sealed record GroupRoleResponse(Guid GroupId, string GroupName, int RoleId);

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

public sealed record SimpleGroupRole(Guid GroupId, int RoleId);

public sealed record GroupRolesResponse(Guid UserId, IReadOnlyList<SimpleGroupRole> GroupRoles);
