using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>POST /v1/users: 403 (the caller manages no group) → 400 (every field problem) → 403 (groups outside its reach) → 409 (names taken).</summary>
public sealed class CreateUser(IDatabase database, PasswordAhead passwords, UserWrites writes, TimeProvider clock)
{
    /// <summary>Creates the user; <paramref name="scim"/> (a SCIM client's write) also sets its externalId.</summary>
    public async Task<UserDetails> ExecuteAsync(Caller caller, UserDraft draft, CancellationToken ct, ScimLink? scim = null)
    {
        var passwordHash = await passwords.HashAsync(draft, session => CheckAsync(session, caller, draft, ct), ct);
        return await UniqueNames.RetryingGeneratedUsernameRacesAsync(async () =>
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var (tree, valid) = await CheckAsync(session, caller, draft, ct);
            var now = clock.Now();
            var user = new UserAccount { Id = Guid.CreateVersion7(now), CompanyId = caller.CompanyId, CreatedDate = now, Version = 0 };
            await UserWrites.ApplyAsync(session, user, valid, passwordHash, now, ct);
            scim?.ApplyTo(user);
            await writes.InsertAsync(session, caller.Actor, user, valid.NewPassword is not null, ct);
            return UserDetails.From(user, tree);
        });
    }

    private static async Task<(GroupTree Tree, ValidUser Valid)> CheckAsync(IStorageSession session, Caller caller, UserDraft draft, CancellationToken ct)
    {
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        if (reach.ManageableGroups.Count == 0)
        {
            throw new ForbiddenException();
        }
        var valid = UserForChange.Validate(draft, tree, hasStoredPassword: false);
        UserForChange.RequireManagerOf(reach, valid.Profile);
        return (tree, valid);
    }
}
