using System.Net;
using FleetUsers.Application.Provisioning;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;

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

public sealed class LoginService(CredentialThrottle throttle, PasswordHashing passwords, AdminPasswordFile passwordFile)
{
    /// <summary>
    /// The throttle counts the attempt and gives it a place in the hash queue, or refuses it
    /// without checking any password, or turns it away (503) with nothing counted when the queue
    /// is full (<see cref="CredentialThrottle"/>). The password hash is checked in every case (a
    /// decoy for unknown names), so every refusal costs the same time, and outside any
    /// transaction. The login is written only if the user still has the hash and the security
    /// stamp it read: a reset that landed during the check wins, and this login is refused.
    /// </summary>
    public async Task<LoginOutcome> LoginAsync(string username, string password, IPAddress? clientAddress, CancellationToken ct)
    {
        UserAccount? user = null;
        async Task LookUpAsync(IStorageSession session)
        {
            // A name no user can have (empty, too long, a NUL that PostgreSQL refuses) is not looked up: it is unknown.
            if (username.Length > 0 && FieldRules.Username(username) is null)
            {
                user = await session.Users.FindForLoginAsync(username, ct);
            }
        }
        var attempt = await throttle.CountAsync(CredentialName.Username(username), clientAddress, LookUpAsync, ct);
        using var place = attempt.Place;
        if (attempt.RetryAfter is { } wait)
        {
            return new LoginOutcome.Throttled(wait);
        }

        var check = await passwords.VerifyAsync(place!, user?.PasswordHash, password, ct);
        if (user is null || check == PasswordCheck.Wrong || !user.CanLogIn)
        {
            await throttle.RefusedAsync(ct);
            return new LoginOutcome.Refused();
        }
        // As Argon2id at the current cost, when there is room in the hash queue; otherwise at a later login.
        var rehashed = check == PasswordCheck.RightButRehash ? await passwords.HashIfRoomAsync(password, ct) : null;
        var recorded = await throttle.SucceededAsync(attempt, session =>
            session.Users.RecordLoginAsync(user.Id, attempt.At, user.PasswordHash!, user.SecurityStamp, rehashed, ct), ct);
        if (!recorded)
        {
            return new LoginOutcome.Refused();
        }
        passwordFile.Forget(user.Username); // a generated first password, now known to work
        return new LoginOutcome.Succeeded(new AuthenticatedUser(user.Id, user.CompanyId, user.Username, user.SecurityStamp));
    }
}
