using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Auth;

/// <summary>The user a login proved to be, for the token.</summary>
public sealed record AuthenticatedUser(Guid UserId, Guid CompanyId, string Username);

public sealed class LoginService(Database database, PasswordHashing passwords, TimeProvider clock)
{
    /// <summary>
    /// The user, when the password is right and the user may log in; otherwise null. The
    /// password hash is checked in every case (a decoy for unknown names), so every
    /// refusal costs the same time. The slow hash runs outside any transaction: only a
    /// successful login writes (its date), briefly.
    /// </summary>
    public async Task<AuthenticatedUser?> LoginAsync(string username, string password, CancellationToken ct)
    {
        StoredUser? user = null;
        // A name no user can have (empty, too long, a NUL that PostgreSQL refuses) is not looked up: it is unknown.
        if (username.Length > 0 && FieldRules.Username(username) is null)
        {
            await using var read = await database.BeginAsync(write: false, ct);
            user = await read.Users.FindForLoginAsync(username, ct);
        }
        var check = passwords.Verify(user?.PasswordHash, password);
        if (user is null || check == PasswordCheck.Wrong || !user.LoginEnabled || user.Status != UserStatus.Active)
        {
            return null;
        }
        var rehashed = check == PasswordCheck.RightButRehash ? passwords.Hash(password) : null;
        await using var write = await database.BeginAsync(write: true, ct);
        await write.Users.RecordLoginAsync(user.Id, clock.Now(), rehashed, ct);
        await write.CommitAsync(ct);
        return new AuthenticatedUser(user.Id, user.CompanyId, user.Username);
    }
}
