namespace FleetUsers.Domain.Users;

/// <summary>
/// The forms under which names are unique, letter case ignored: usernames across every company,
/// employee ids within a company, group names among siblings. Computed by the service, not the
/// database, so every engine folds letter case the same way.
/// </summary>
public static class NameKeys
{
    public static string Username(string username) => username.ToLowerInvariant();

    public static string? EmployeeId(string? employeeId) => employeeId?.ToLowerInvariant();

    public static string GroupName(string name) => name.ToLowerInvariant();
}
