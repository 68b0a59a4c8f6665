using System.Runtime.CompilerServices;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// Every user of a company as rows of the import format, in list order (last name, first
/// name, id), read in one snapshot: an export can be edited and imported elsewhere.
/// </summary>
public sealed class UserExportService(IDatabase database)
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
                yield return UserFileRows.FromUser(user, tree, PathOf);
            }
            if (users.Count < Page)
            {
                yield break;
            }
        }
    }
}
