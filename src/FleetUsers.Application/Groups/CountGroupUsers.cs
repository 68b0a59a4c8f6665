using FleetUsers.Application.Ports;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Groups;

/// <summary>
/// The console's group tree: how many users hold a role in each group — only in groups whose users the caller may
/// read (Administrator or Coach over them); a group it only sees has no count for it.
/// </summary>
public sealed class CountGroupUsers(IDatabase database)
{
    public async Task<IReadOnlyDictionary<Guid, int>> ExecuteAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var readable = Reach.Of(caller, tree).ReadableGroups;
        if (readable.Count == 0)
        {
            return new Dictionary<Guid, int>();
        }
        var counts = await session.Groups.UserCountsAsync(caller.CompanyId, ct);
        // A readable group nobody holds a role in counts 0; the rest stay unknown to the caller.
        return readable.ToDictionary(id => id, id => counts.GetValueOrDefault(id));
    }
}
