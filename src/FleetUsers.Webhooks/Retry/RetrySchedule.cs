using FleetUsers.Webhooks.Delivery;

namespace FleetUsers.Webhooks.Retry;

/// <summary>
/// When to try a failed delivery again: exponential backoff with full jitter, never sooner than a
/// receiver's Retry-After, for at least <see cref="GiveUpAfter"/> from the first attempt.
/// After the n-th failed attempt the wait is drawn uniformly from
/// [<see cref="FirstRetry"/>, min(<see cref="MaxRetry"/>, <see cref="FirstRetry"/> × 2ⁿ)]: the jitter
/// spreads the retries of many events that failed together (a receiver coming back is not hit by
/// all of them at once), and its floor keeps any retry from coming sooner than the first one.
/// </summary>
public sealed record RetrySchedule(TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan GiveUpAfter, TimeSpan MaxRetryAfter)
{
    public static RetrySchedule Default { get; } = new WebhookOptions().ToRetrySchedule();

    /// <summary>
    /// The decision after <paramref name="attemptsMade"/> attempts, the last of which failed with
    /// <paramref name="lastOutcome"/>. The last wait before the deadline is cut to end at it (or
    /// <see cref="FirstRetry"/> after the last attempt, if later), so one attempt is always made at
    /// or just after the deadline; a Retry-After (read as at most <see cref="MaxRetryAfter"/>) is
    /// honoured even past it. An attempt that ends at or after the deadline gives up, as does a
    /// 410 Gone.
    /// </summary>
    public RetryDecision Next(int attemptsMade, DateTimeOffset firstAttemptAt, DeliveryOutcome lastOutcome, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        ArgumentNullException.ThrowIfNull(lastOutcome);
        ArgumentNullException.ThrowIfNull(random);
        if (lastOutcome.Succeeded)
        {
            throw new ArgumentException("A delivery that succeeded is not retried.", nameof(lastOutcome));
        }
        if (lastOutcome.EndpointGone)
        {
            return RetryDecision.GiveUp("the receiver answered 410 Gone");
        }
        var last = lastOutcome.CompletedAt;
        var deadline = firstAttemptAt + GiveUpAfter;
        if (last >= deadline)
        {
            return RetryDecision.GiveUp($"no attempt succeeded within {GiveUpAfter} of the first");
        }
        var ceiling = Ceiling(attemptsMade);
        var wait = FirstRetry + ((ceiling - FirstRetry) * random.NextDouble());
        // The last wait is cut to end at the deadline, but never below the first retry's.
        var next = Min(last + wait, Max(deadline, last + FirstRetry));
        if (lastOutcome.RetryAfter is { } asked)
        {
            next = Max(next, last + Min(asked, MaxRetryAfter));
        }
        return RetryDecision.At(next);
    }

    /// <summary>min(MaxRetry, FirstRetry × 2ⁿ), without overflowing for large n.</summary>
    public TimeSpan Ceiling(int attemptsMade)
    {
        var seconds = FirstRetry.TotalSeconds * Math.Pow(2, Math.Min(attemptsMade, 62));
        return seconds >= MaxRetry.TotalSeconds ? MaxRetry : TimeSpan.FromSeconds(seconds);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>Either the time of the next attempt, or giving up and why.</summary>
public sealed record RetryDecision(DateTimeOffset? NextAttemptAt, string? GiveUpReason)
{
    public bool GivesUp => NextAttemptAt is null;

    public static RetryDecision At(DateTimeOffset next) => new(next, null);

    public static RetryDecision GiveUp(string reason) => new(null, reason);
}
