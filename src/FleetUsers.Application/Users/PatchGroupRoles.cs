using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// PATCH /v1/users/{id}/groupRoles: add and remove group roles, all together or none. 404 → 403
/// (current groups) → 400 (the operations) → 403 (the new groups; a role the caller would give
/// itself) → 412 (If-Match).
/// </summary>
public sealed class PatchGroupRoles(IDatabase database, UserWrites writes, TimeProvider clock)
{
    public async Task<UserDetails> ExecuteAsync(Caller caller, Guid userId, IReadOnlyList<GroupRoleChange> operations,
        IReadOnlyList<string> readProblems, IReadOnlyCollection<int>? ifMatch, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        return await ApplyAsync(session, caller, userId, operations, readProblems, ifMatch, commit: true, ct);
    }

    /// <summary>The checks and the write in the caller's session; committed when <paramref name="commit"/>, else by the caller.</summary>
    public async Task<UserDetails> ApplyAsync(IStorageSession session, Caller caller, Guid userId, IReadOnlyList<GroupRoleChange> operations,
        IReadOnlyList<string> readProblems, IReadOnlyCollection<int>? ifMatch, bool commit, CancellationToken ct)
    {
        var change = await UserForChange.LoadAsync(session, caller, userId, forUpdate: true, ct);
        return await ApplyAsync(session, caller, change, operations, readProblems, ifMatch, commit, ct);
    }

    /// <summary>The same, for a user the caller's session has loaded (locked for update) with its tree and reach.</summary>
    public async Task<UserDetails> ApplyAsync(IStorageSession session, Caller caller, UserForChange change,
        IReadOnlyList<GroupRoleChange> operations, IReadOnlyList<string> readProblems, IReadOnlyCollection<int>? ifMatch, bool commit,
        CancellationToken ct)
    {
        var user = change.User;
        // A body that could not be read at all has said what is wrong with it; applying nothing would only add noise.
        var (roles, problems) = operations.Count == 0 && readProblems.Count > 0
            ? (null, [])
            : GroupRolePatch.Apply(user.GroupRoles, operations, user.Profile.AllowVideoSearchDownload, change.Tree);
        if (readProblems.Count > 0 || roles is null)
        {
            throw new ValidationFailedException([.. readProblems, .. problems]);
        }
        if (!change.Reach.CanManageAll(roles.Select(r => r.GroupId)))
        {
            throw new ForbiddenException();
        }
        change.RequireNoSelfPromotion(caller, roles);
        change.RequireVersion(ifMatch);

        var before = user.Profile;
        var expectedVersion = user.Version;
        user.Profile = before with { GroupRoles = [.. roles], PrimaryGroupId = PrimaryGroup.AfterRolesChanged(before.PrimaryGroupId, roles) };
        user.UpdatedDate = clock.Now();
        user.Version++;
        await writes.SaveAsync(session, caller.Actor, AuditAction.PatchGroupRoles, before, user, expectedVersion, passwordChanged: false, ct, commit);
        return UserDetails.From(user, change.Tree);
    }
}
