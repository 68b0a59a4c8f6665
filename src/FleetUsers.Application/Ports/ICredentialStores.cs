using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Ports;

/// <summary>
/// Failed credential checks by throttle key ("username:...", "address:...", "client:..."). The
/// store keeps only a hash of each key: a name typed into the wrong field leaves no trace.
/// </summary>
public interface ILoginFailureStore
{
    /// <summary>
    /// The failures of each of the attempt's keys since <paramref name="since"/> (in no order), and whether its
    /// name proved its credential from its address after <paramref name="knownSince"/> (what
    /// <see cref="IKnownAddressStore"/> keeps): one read, as the throttle asks at every attempt.
    /// </summary>
    Task<AttemptHistory> HistoryAsync(ThrottleKeys keys, DateTimeOffset since, DateTimeOffset knownSince, CancellationToken ct);

    /// <summary>Until the session ends, no other session takes the same keys' lock: checking and counting become one step.</summary>
    Task LockAsync(ThrottleKeys keys, CancellationToken ct);

    /// <summary>Counts one failure of each key, made by the given attempt.</summary>
    Task RecordAsync(ThrottleKeys keys, DateTimeOffset at, Guid attempt, CancellationToken ct);

    /// <summary>
    /// The attempt proved right: it takes back the failure it counted for the name and for the address, and the
    /// name's failures at this address are forgotten.
    /// </summary>
    Task ForgetSucceededAsync(ThrottleKeys keys, Guid attempt, CancellationToken ct);

    /// <summary>Deletes every failure older than <paramref name="before"/>: they no longer count.</summary>
    Task PurgeAsync(DateTimeOffset before, CancellationToken ct);
}

/// <summary>When each name last proved its credential from an address, kept as a hash of the key.</summary>
public interface IKnownAddressStore
{
    /// <summary>Records a success of the key now, and forgets successes older than <paramref name="forgetBefore"/>.</summary>
    Task RememberAsync(string key, DateTimeOffset at, DateTimeOffset forgetBefore, CancellationToken ct);
}

/// <summary>API clients of integrations.</summary>
public interface IApiClientStore
{
    Task InsertAsync(ApiClient client, CancellationToken ct);

    /// <summary>The client of that id in any company: the token endpoint knows only the id.</summary>
    Task<ApiClient?> FindAsync(Guid clientId, CancellationToken ct);

    /// <summary>Every client, of one company or of all, oldest first.</summary>
    Task<IReadOnlyList<ApiClient>> ListAsync(Guid? companyId, CancellationToken ct);

    /// <summary>Marks the client revoked; false when there is no such client or it was revoked already.</summary>
    Task<bool> RevokeAsync(Guid clientId, DateTimeOffset when, CancellationToken ct);

    /// <summary>
    /// Stores the secret hashed again at the current cost, provided the client still has the hash that was
    /// checked (so of two uses racing, one rehash lands and the other changes nothing).
    /// </summary>
    Task RehashSecretAsync(Guid clientId, string verifiedHash, string rehashedSecret, CancellationToken ct);
}
