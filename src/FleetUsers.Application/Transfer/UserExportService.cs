using System.Runtime.CompilerServices;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// Every user of a company as rows of the import format, in list order (last name, first
/// name, id), read in one snapshot: an export can be edited and imported elsewhere.
/// </summary>
public sealed class UserExportService(IDatabase database)
{
    private const int Page = 10_000;

    /// <summary>The operator's export (the command line): every user of the company.</summary>
    public IAsyncEnumerable<UserFileRow> ExportAsync(Guid companyId, CancellationToken ct) => RunAsync(companyId, null, ct);

    /// <summary>A person's export (the console): only the users the caller may read, as <c>GET /v1/users</c> lists them.</summary>
    public IAsyncEnumerable<UserFileRow> ExportAsync(Caller caller, CancellationToken ct) => RunAsync(caller.CompanyId, caller, ct);

    private async IAsyncEnumerable<UserFileRow> RunAsync(Guid companyId, Caller? caller, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var tree = await session.Groups.LoadTreeAsync(companyId, ct);
        var reach = caller is null ? null : Reach.Of(caller, tree);
        if (reach is { ReadsWholeCompany: false, ReadableGroups.Count: 0 })
        {
            yield break;
        }
        var readable = reach is null || reach.ReadsWholeCompany ? null : reach.ReadableGroups.ToList();
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
            var users = await session.Users.PageAsync(new UserListFilter { CompanyId = companyId, ReadableGroups = readable, Limit = Page, Offset = offset }, ct);
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
