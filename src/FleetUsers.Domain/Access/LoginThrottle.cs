namespace FleetUsers.Domain.Access;

/// <summary>
/// How many failed logins one username, or one client address, may have within a sliding
/// window before further attempts are refused for a while. There is no permanent lockout:
/// a failure stops counting once it is older than the window.
/// </summary>
public sealed record LoginThrottle(int MaxFailuresPerUsername, int MaxFailuresPerAddress, TimeSpan Window)
{
    public static LoginThrottle Default { get; } = new(5, 20, TimeSpan.FromMinutes(15));

    /// <summary>
    /// How long until one more attempt may go ahead, given the key's failures (any order) and
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
}
