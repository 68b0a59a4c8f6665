using FleetUsers.Application.Provisioning;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>The user a login proved to be, for the token.</summary>
public sealed record AuthenticatedUser(Guid UserId, Guid CompanyId, string Username);

/// <summary>What a login attempt came to: a user, a refusal (401), or a wait (429).</summary>
public abstract record LoginOutcome
{
    public sealed record Succeeded(AuthenticatedUser User) : LoginOutcome;

    public sealed record Refused : LoginOutcome;

    public sealed record Throttled(TimeSpan RetryAfter) : LoginOutcome;
}

public sealed class LoginService(Database database, PasswordHashing passwords, TimeProvider clock, IOptions<LoginThrottleOptions> options,
    AdminPasswordFile passwordFile)
{
    private readonly LoginThrottle _throttle = options.Value.ToThrottle();

    /// <summary>
    /// Throttled when the username or the client address has had too many failures lately
    /// (no password is checked then, and the attempt does not count). Otherwise the attempt is
    /// counted as a failure of both, in the same locked step as the check, so parallel guesses
    /// get no more checks than the limit; then the password hash is checked in every case (a
    /// decoy for unknown names), so every refusal costs the same time. A right password takes
    /// the attempt back and forgets the username's failures. The slow hash runs outside any transaction.
    /// </summary>
    public async Task<LoginOutcome> LoginAsync(string username, string password, string? clientAddress, CancellationToken ct)
    {
        var now = clock.Now();
        var usernameKey = "username:" + username.ToLowerInvariant();
        var addressKey = "address:" + (clientAddress ?? "unknown");
        var attempt = Guid.NewGuid();
        StoredUser? user = null;
        await using (var count = await database.BeginAsync(write: true, ct))
        {
            await count.LoginFailures.LockAsync([usernameKey, addressKey], ct);
            var since = now - _throttle.Window;
            var wait = Longest(
                _throttle.RetryAfter(await count.LoginFailures.SinceAsync(usernameKey, since, ct), _throttle.MaxFailuresPerUsername, now),
                _throttle.RetryAfter(await count.LoginFailures.SinceAsync(addressKey, since, ct), _throttle.MaxFailuresPerAddress, now));
            if (wait is { } retryAfter)
            {
                return new LoginOutcome.Throttled(retryAfter);
            }
            // A name no user can have (empty, too long, a NUL that PostgreSQL refuses) is not looked up: it is unknown.
            if (username.Length > 0 && FieldRules.Username(username) is null)
            {
                user = await count.Users.FindForLoginAsync(username, ct);
            }
            // Counted before the hash: a client that goes away meanwhile stays counted.
            await count.LoginFailures.RecordAsync([usernameKey, addressKey], now, attempt, ct);
            await count.CommitAsync(ct);
        }

        var check = await passwords.VerifyAsync(user?.PasswordHash, password, ct);
        var refused = user is null || check == PasswordCheck.Wrong || !user.LoginEnabled || user.Status != UserStatus.Active;
        var rehashed = !refused && check == PasswordCheck.RightButRehash ? await passwords.HashAsync(password, ct) : null;
        await using var write = await database.BeginAsync(write: true, ct);
        if (refused)
        {
            await write.LoginFailures.PurgeAsync(now - _throttle.Window, ct);
            await write.CommitAsync(ct);
            return new LoginOutcome.Refused();
        }
        await write.Users.RecordLoginAsync(user!.Id, now, rehashed, ct);
        await write.LoginFailures.ForgetAsync(usernameKey, ct);
        await write.LoginFailures.ForgetAttemptAsync(addressKey, attempt, ct);
        await write.CommitAsync(ct);
        passwordFile.Forget(user.Username); // a generated first password, now known to work
        return new LoginOutcome.Succeeded(new AuthenticatedUser(user.Id, user.CompanyId, user.Username));
    }

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
