using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Users;

/// <summary>The one place where a checked user becomes the stored one's fields (API writes and imports alike).</summary>
internal static class StoredUserFields
{
    /// <summary>Copies every field a client sets; identity, dates, version and password are the caller's.</summary>
    public static void CopyFrom(this StoredUser user, ValidUser valid, string username)
    {
        user.FirstName = valid.FirstName;
        user.LastName = valid.LastName;
        user.Username = username;
        user.EmployeeId = valid.EmployeeId;
        user.Email = valid.Email;
        user.CellPhoneCountry = valid.CellPhoneCountry;
        user.CellPhoneNumber = valid.CellPhoneNumber;
        user.Status = valid.Status;
        user.LoginEnabled = valid.LoginEnabled;
        user.AllowVideoSearchDownload = valid.AllowVideoSearchDownload;
        user.GroupRoles = [.. valid.GroupRoles];
        user.PrimaryGroupId = valid.PrimaryGroupId;
    }
}
