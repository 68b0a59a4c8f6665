using FleetUsers.Domain.Access;

namespace FleetUsers.Domain.Tests.Access;

public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LoginThrottle Throttle = new(5, 20, TimeSpan.FromMinutes(15));

    private static DateTimeOffset[] MinutesAgo(params int[] minutes) => [.. minutes.Select(m => Now.AddMinutes(-m))];

    [Fact]
    public void RetryAfter_BelowTheLimit_IsNull() =>
        Assert.Null(Throttle.RetryAfter(MinutesAgo(1, 2, 3, 4), 5, Now));

    [Fact]
    public void RetryAfter_AtTheLimit_IsUntilTheOldestFailureLeavesTheWindow() =>
        Assert.Equal(TimeSpan.FromMinutes(5), Throttle.RetryAfter(MinutesAgo(1, 10, 2, 3, 4), 5, Now));

    [Fact]
    public void RetryAfter_OverTheLimit_IsUntilEnoughHaveLeftToFallBelowIt() =>
        Assert.Equal(TimeSpan.FromMinutes(6), Throttle.RetryAfter(MinutesAgo(1, 2, 3, 4, 9, 10, 11), 5, Now));

    [Fact]
    public void RetryAfter_IgnoresFailuresOlderThanTheWindow() =>
        Assert.Null(Throttle.RetryAfter(MinutesAgo(1, 2, 3, 4, 15, 16, 60), 5, Now));

    [Fact]
    public void RetryAfter_IsNeverLongerThanTheWindow() =>
        Assert.Equal(TimeSpan.FromMinutes(15), Throttle.RetryAfter(MinutesAgo(0, 0, 0, 0, 0, 0, 0, 0), 5, Now));
}
