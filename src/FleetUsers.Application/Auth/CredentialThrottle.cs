using System.Net;
using FleetUsers.Domain.Access;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>Whose credential an attempt tries: a user's, by username, or an API client's, by client id.</summary>
public sealed record CredentialName(string Key)
{
    public static CredentialName Username(string username) => new("username:" + username.ToLowerInvariant());

    public static CredentialName Client(string clientId) => new("client:" + clientId.ToLowerInvariant());
}

/// <summary>One attempt at a credential, from one client address. Throttled (and not counted) when <see cref="RetryAfter"/> is set.</summary>
public sealed record CredentialAttempt(CredentialName Name, string Address, DateTimeOffset At)
{
    public Guid Id { get; } = Guid.NewGuid();

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The name proved its credential from this address lately: a stranger cannot be making this attempt's hash.</summary>
    public bool FromKnownAddress { get; init; }

    /// <summary>Whose share of the hash queue the attempt's check takes.</summary>
    public HashPriority HashPriority => FromKnownAddress ? HashPriority.First : HashPriority.Last;

    /// <summary>The attempt's place in the hash queue, once it was counted (null when throttled).</summary>
    public HashQueuePlace? Place { get; init; }

    /// <summary>The keys the attempt counts against.</summary>
    public ThrottleKeys Keys => new($"{Name.Key}|{Address}", Name.Key, "address:" + Address);
}

/// <summary>
/// The three keys an attempt counts against: its name at its address, its name, its address (what the
/// store keeps of each is a hash).
/// </summary>
public sealed record ThrottleKeys(string NameAtAddress, string Name, string Address)
{
    public IReadOnlyList<string> All => [NameAtAddress, Name, Address];
}

/// <summary>
/// The throttle of every credential check, user logins and client-credentials requests alike
/// (see <see cref="LoginThrottle"/> for the policy). Failures are rows in the database, so every
/// instance counts together. An attempt is counted as a failure before its credential is
/// checked, in one locked step with the check of the limits, so parallel guesses get no more
/// checks than the limits allow and a client that goes away during the hash stays counted;
/// a credential that proves right takes its count back.
/// </summary>
public sealed class CredentialThrottle(IDatabase database, PasswordHashing passwords, TimeProvider clock, IOptions<LoginThrottleOptions> options)
{
    private readonly LoginThrottle _policy = options.Value.ToThrottle();

    /// <summary>
    /// Checks the limits and, unless throttled, counts the attempt as a failure of its name at
    /// its address, of its name, and of its address, and gives it a place in the hash queue of
    /// its priority (<see cref="CredentialAttempt.Place"/>, the caller's to dispose). A look
    /// without any lock comes first: an attempt already over a limit, or whose hash queue is
    /// full, is answered there, so a flood costs reads, which wait for no writer. Then the locked
    /// step decides: the limits again, the place (a full queue throws
    /// <see cref="Domain.ServiceBusyException"/> with nothing counted), <paramref name="lookUp"/>
    /// (the user or client whose credential is tried), the count.
    /// </summary>
    public async Task<CredentialAttempt> CountAsync(CredentialName name, IPAddress? address, Func<IStorageSession, Task> lookUp, CancellationToken ct)
    {
        var attempt = new CredentialAttempt(name, ClientAddress.ThrottleKey(address), clock.Now());
        await using (var look = await database.BeginAsync(write: false, ct))
        {
            attempt = await CheckAsync(look, attempt, ct);
        }
        if (attempt.RetryAfter is not null)
        {
            return attempt;
        }
        passwords.RequireRoom(attempt.HashPriority);
        await using var session = await database.BeginAsync(write: true, ct);
        await session.LoginFailures.LockAsync(attempt.Keys, ct);
        attempt = await CheckAsync(session, attempt, ct);
        if (attempt.RetryAfter is not null)
        {
            return attempt;
        }
        var place = passwords.EnterQueue(attempt.HashPriority);
        try
        {
            await lookUp(session);
            await session.LoginFailures.RecordAsync(attempt.Keys, attempt.At, attempt.Id, ct);
            await session.CommitAsync(ct);
            return attempt with { Place = place };
        }
        catch
        {
            place.Dispose();
            throw;
        }
    }

    /// <summary>The attempt with whether its address is known, and how long it must wait (null: it may go ahead).</summary>
    private async Task<CredentialAttempt> CheckAsync(IStorageSession session, CredentialAttempt attempt, CancellationToken ct)
    {
        var history = await session.LoginFailures.HistoryAsync(
            attempt.Keys, attempt.At - _policy.Window, attempt.At - _policy.KnownAddressLifetime, ct);
        return attempt with { FromKnownAddress = history.AddressIsKnown, RetryAfter = _policy.RetryAfter(history, attempt.At) };
    }

    /// <summary>The credential was wrong (or its owner may not use it): the attempt stays counted.</summary>
    public async Task RefusedAsync(CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        await session.LoginFailures.PurgeAsync(clock.Now() - _policy.Window, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// The credential proved right. In one transaction: <paramref name="confirm"/> writes what
    /// the success changes and says whether it still holds (false: the attempt stays counted, as
    /// refused); then the attempt takes its count back, the name's failures at this address are
    /// forgotten, and the address becomes known for the name.
    /// </summary>
    public async Task<bool> SucceededAsync(CredentialAttempt attempt, Func<IStorageSession, Task<bool>> confirm, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        var confirmed = await confirm(session);
        if (confirmed)
        {
            await session.LoginFailures.ForgetSucceededAsync(attempt.Keys, attempt.Id, ct);
            await session.KnownAddresses.RememberAsync(attempt.Keys.NameAtAddress, attempt.At, attempt.At - _policy.KnownAddressLifetime, ct);
        }
        else
        {
            await session.LoginFailures.PurgeAsync(attempt.At - _policy.Window, ct);
        }
        await session.CommitAsync(ct);
        return confirmed;
    }
}
