using System.Net;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Auth;

/// <summary>The user a login proved to be, for the token (with the security stamp the token must carry).</summary>
public sealed record AuthenticatedUser(Guid UserId, Guid CompanyId, string Username, string SecurityStamp);

/// <summary>What a login attempt came to: a user, a refusal (401), or a wait (429).</summary>
public abstract record LoginOutcome
{
    public sealed record Succeeded(AuthenticatedUser User) : LoginOutcome;

    public sealed record Refused : LoginOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : LoginOutcome;
}

public sealed class LoginService(CredentialThrottle throttle, PasswordHashing passwords)
{
    /// <summary>
    /// The throttle counts the attempt, or refuses it without checking any password
    /// (<see cref="CredentialThrottle"/>); in the same step the attempt takes a place in the hash
    /// queue, so a full queue answers 503 with nothing counted, and a throttled flood holds no
    /// places. The password hash is checked in every case (a decoy for unknown names), so every
    /// refusal costs the same time, and outside any transaction. The login is written only if
    /// the user still has the hash and the security stamp it read: a reset that landed during
    /// the check wins, and this login is refused.
    /// </summary>
    public async Task<LoginOutcome> LoginAsync(string username, string password, IPAddress? clientAddress, CancellationToken ct)
    {
        HashQueuePlace? place = null;
        try
        {
            StoredUser? user = null;
            var attempt = await throttle.CountAsync(CredentialName.Username(username), clientAddress, async (session, counted) =>
            {
                place = passwords.EnterQueue(counted.HashPriority);
                // A name no user can have (empty, too long, a NUL that PostgreSQL refuses) is not looked up: it is unknown.
                if (username.Length > 0 && FieldRules.Username(username) is null)
                {
                    user = await session.Users.FindForLoginAsync(username, ct);
                }
            }, ct);
            if (attempt.RetryAfter is { } wait)
            {
                return new LoginOutcome.Throttled(wait);
            }

            var check = await passwords.VerifyAsync(place!, user?.PasswordHash, password, ct);
            if (user is null || check == PasswordCheck.Wrong || !user.LoginEnabled || user.Status != UserStatus.Active)
            {
                await throttle.RefusedAsync(ct);
                return new LoginOutcome.Refused();
            }
            // At the current work factor, when there is room in the hash queue; otherwise at a later login.
            var rehashed = check == PasswordCheck.RightButRehash ? await passwords.HashIfRoomAsync(password, ct) : null;
            var recorded = await throttle.SucceededAsync(attempt, session =>
                session.Users.RecordLoginAsync(user.Id, attempt.At, user.PasswordHash!, user.SecurityStamp, rehashed, ct), ct);
            return recorded
                ? new LoginOutcome.Succeeded(new AuthenticatedUser(user.Id, user.CompanyId, user.Username, user.SecurityStamp))
                : new LoginOutcome.Refused();
        }
        finally
        {
            place?.Dispose();
        }
    }
}
