using FleetUsers.Application.Auth;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// PUT /v1/users/{id}, a full replacement: 404 → 403 (current groups) → 400 (every field problem) →
/// 403 (new groups; a role the caller would give itself) → 503 (a password while the hash queue is
/// full) → 412 (If-Match) → 409 (names taken).
/// </summary>
public sealed class UpdateUser(IDatabase database, PasswordAhead passwords, UserWrites writes, TimeProvider clock, AdminPasswordFile passwordFile)
{
    /// <summary>Replaces the user's profile; <paramref name="scim"/> (a SCIM client's write) also sets its externalId and SCIM state.</summary>
    public async Task<UserDetails> ExecuteAsync(Caller caller, Guid userId, UserDraft draft, IReadOnlyCollection<int>? ifMatch, CancellationToken ct,
        ScimLink? scim = null)
    {
        var passwordHash = await passwords.HashAsync(draft, session => CheckAsync(session, caller, userId, draft, forUpdate: false, ct), ct);
        return await UniqueNames.RetryingGeneratedUsernameRacesAsync(async () =>
        {
            await using var session = await database.BeginAsync(write: true, ct);
            var (change, valid) = await CheckAsync(session, caller, userId, draft, forUpdate: true, ct);
            change.RequireVersion(ifMatch);

            var user = change.User;
            var before = user.Profile;
            var expectedVersion = user.Version;
            var couldLogIn = user.CanLogIn;
            var passwordChanged = valid.NewPassword is not null;
            await UserWrites.ApplyAsync(session, user, valid, passwordHash, clock.Now(), ct);
            scim?.ApplyTo(user);
            SecurityStamp.RenewIfRevoking(user, passwordChanged, couldLogIn);
            await writes.SaveAsync(session, caller.Actor, AuditAction.Update, before, user, expectedVersion, passwordChanged, ct);
            if (passwordChanged)
            {
                passwordFile.Forget(before.Username ?? ""); // a generated first password no longer works
            }
            return UserDetails.From(user, change.Tree);
        });
    }

    /// <summary>404, 403 (the user's current groups), 400 (every field problem), 403 (the new groups; a role the caller would give itself), in that order.</summary>
    private static async Task<(UserForChange Change, ValidUser Valid)> CheckAsync(
        IStorageSession session, Caller caller, Guid userId, UserDraft draft, bool forUpdate, CancellationToken ct)
    {
        var change = await UserForChange.LoadAsync(session, caller, userId, forUpdate, ct);
        var valid = UserForChange.Validate(draft, change.Tree, hasStoredPassword: change.User.PasswordHash is not null);
        UserForChange.RequireManagerOf(change.Reach, valid.Profile);
        change.RequireNoSelfPromotion(caller, valid.Profile.GroupRoles);
        return (change, valid);
    }
}
