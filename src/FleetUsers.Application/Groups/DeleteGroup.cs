using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Groups;

/// <summary>
/// DELETE /v1/groups/{id}: 404 → 403 → 409 (the root, or a group that still has subgroups, users or API
/// clients: counted, and named where the caller may read them).
/// </summary>
public sealed class DeleteGroup(IDatabase database, ChangeRecorder changes, TimeProvider clock)
{
    /// <summary>How many names a 409 for a group that still has subgroups or members lists.</summary>
    private const int NamesListed = 5;

    public async Task ExecuteAsync(Caller caller, Guid groupId, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        try
        {
            await RemoveAsync(session, caller, groupId, ct);
            await session.CommitAsync(ct);
        }
        catch (ForeignKeyViolationException)
        {
            // A user was given a role in the group after we counted (user writes do not take the tree lock).
            throw MembersMeanwhile();
        }
    }

    /// <summary>The checks, the record and the delete, in a session of <see cref="GroupTreeSession"/> that the caller commits.</summary>
    public async Task RemoveAsync(IStorageSession session, Caller caller, Guid groupId, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var (group, reach) = GroupChecks.RequireManaged(caller, tree, groupId);
        if (group.ParentId is null)
        {
            throw new ConflictException("the root group cannot be deleted: it is the company's top group");
        }
        var problems = new List<string>();
        var children = tree.Children(groupId);
        if (children.Count > 0)
        {
            problems.Add($"the group has {children.Count} subgroup(s), move or delete them first: {Names(children.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase), children.Count)}");
        }
        problems.AddRange(await MemberProblemsAsync(session, reach, groupId, ct));
        if (problems.Count > 0)
        {
            throw new ConflictException(problems);
        }
        // A ForeignKeyViolationException here (a role given meanwhile) is for the caller to answer, at its commit too.
        await changes.GroupDeletedAsync(session, caller, group, tree, clock.Now(), ct);
        await session.Groups.DeleteAsync(caller.CompanyId, groupId, ct);
    }

    public static ConflictException MembersMeanwhile() => new("the group has users with a role in it, give them other groups first");

    /// <summary>
    /// Who still holds a role in the group: counted, and named only where the caller may read them
    /// (users with a role in a group it reads users of; API clients when it reads the group's users).
    /// </summary>
    private static async Task<IEnumerable<string>> MemberProblemsAsync(IStorageSession session, Reach reach, Guid groupId, CancellationToken ct)
    {
        var readsGroup = reach.ReadableGroups.Contains(groupId);
        var members = await session.Groups.MembersAsync(groupId, NamesListed, readsGroup ? null : reach.ReadableGroups.ToList(), ct);
        var problems = new List<string>();
        if (members.UserCount > 0)
        {
            problems.Add($"the group has {members.UserCount} user(s) with a role in it, give them other groups first{Listing(members.SomeUsernames, members.UserCount)}");
        }
        if (members.ClientCount > 0)
        {
            problems.Add($"the group has {members.ClientCount} API client(s) with a role in it, revoke them first{Listing(readsGroup ? members.SomeClientNames : [], members.ClientCount)}");
        }
        return problems;
    }

    private static string Listing(IReadOnlyList<string> names, int total) =>
        names.Count == 0 ? "" : ": " + Names(names, total);

    private static string Names(IEnumerable<string> names, int total)
    {
        var listed = names.Take(NamesListed).ToList();
        return string.Join(", ", listed) + (total > listed.Count ? $" and {total - listed.Count} more" : "");
    }
}
