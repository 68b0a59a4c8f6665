namespace FleetUsers.Domain.Access;

/// <summary>
/// How many failed attempts at a credential may be made within a sliding window before
/// further attempts are refused for a while. A name (a username, or an API client's id) is
/// limited tightly per client address, so a stranger's failures throttle the stranger's
/// address, not the owner's; loosely across all addresses, so guessing spread over many
/// addresses still stops; and an address is limited across all names (password spraying).
/// An address from which the name proved its credential lately is spared the two wide
/// limits, so nobody elsewhere can lock the owner out there. There is no permanent lockout:
/// a failure stops counting once it is older than the window.
/// </summary>
public sealed record LoginThrottle(
    int MaxFailuresPerNameAndAddress,
    int MaxFailuresPerName,
    int MaxFailuresPerAddress,
    TimeSpan Window,
    TimeSpan KnownAddressLifetime)
{
    public static LoginThrottle Default { get; } = new(5, 20, 20, TimeSpan.FromMinutes(15), TimeSpan.FromDays(30));

    /// <summary>How long until the attempt may go ahead; null when it may go ahead now.</summary>
    public TimeSpan? RetryAfter(AttemptHistory history, DateTimeOffset now)
    {
        var wait = RetryAfter(history.NameAtAddress, MaxFailuresPerNameAndAddress, now);
        if (history.AddressIsKnown)
        {
            return wait;
        }
        return Longest(wait, Longest(
            RetryAfter(history.Name, MaxFailuresPerName, now),
            RetryAfter(history.Address, MaxFailuresPerAddress, now)));
    }

    /// <summary>
    /// How long until one more attempt may go ahead, given one key's failures (any order) and
    /// its limit; null when it may go ahead now. Refused attempts are never failures, so
    /// hammering a throttled key does not keep it throttled.
    /// </summary>
    public TimeSpan? RetryAfter(IEnumerable<DateTimeOffset> failures, int limit, DateTimeOffset now)
    {
        var recent = failures.Where(f => f > now - Window).Order().ToList();
        if (recent.Count < limit)
        {
            return null;
        }
        // Enough of the oldest must age out to leave fewer than the limit.
        var freedAt = recent[recent.Count - limit] + Window;
        var wait = freedAt - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private static TimeSpan? Longest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

/// <summary>
/// The recent failures of the three keys an attempt counts against, and whether the name
/// proved its credential from this address within <see cref="LoginThrottle.KnownAddressLifetime"/>.
/// </summary>
public sealed record AttemptHistory(
    IReadOnlyList<DateTimeOffset> NameAtAddress,
    IReadOnlyList<DateTimeOffset> Name,
    IReadOnlyList<DateTimeOffset> Address,
    bool AddressIsKnown);
