using System.Runtime.CompilerServices;
using FleetUsers.Storage;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// Every user of a company as rows of the import format, in list order (last name, first
/// name, id), read in one snapshot: an export can be edited and imported elsewhere.
/// </summary>
public sealed class UserExportService(Database database)
{
    private const int Page = 10_000;

    public async IAsyncEnumerable<UserFileRow> ExportAsync(Guid companyId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(companyId, ct);
        // Each group's path is built once, and only for groups some user has a role in.
        var paths = new Dictionary<Guid, string>();
        string PathOf(Guid groupId)
        {
            if (!paths.TryGetValue(groupId, out var path))
            {
                paths[groupId] = path = tree.FullPath(groupId);
            }
            return path;
        }
        for (var offset = 0; ; offset += Page)
        {
            var users = await session.Users.PageAsync(new UserListFilter { CompanyId = companyId, Limit = Page, Offset = offset }, ct);
            foreach (var user in users)
            {
                yield return new UserFileRow
                {
                    FirstName = user.FirstName,
                    LastName = user.LastName,
                    Username = user.Username,
                    EmployeeId = user.EmployeeId,
                    Email = user.Email,
                    CellPhoneCountry = user.CellPhoneCountry,
                    CellPhoneNumber = user.CellPhoneNumber,
                    Status = user.Status,
                    GroupRoles = string.Join(UserFileFormat.PairSeparator, user.GroupRoles
                        .OrderBy(r => PathOf(r.GroupId), StringComparer.OrdinalIgnoreCase).ThenBy(r => r.RoleId)
                        .Select(r => $"{UserFileFormat.GroupText(PathOf(r.GroupId), r.GroupId)}{UserFileFormat.RoleSeparator}{UserFileFormat.RoleText(r.RoleId)}")),
                    PrimaryGroup = user.PrimaryGroupId is { } primary && tree.Contains(primary) ? UserFileFormat.GroupText(PathOf(primary), primary) : null,
                    AllowVideoSearchDownload = user.AllowVideoSearchDownload ? "true" : "false",
                };
            }
            if (users.Count < Page)
            {
                yield break;
            }
        }
    }
}
