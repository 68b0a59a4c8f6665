using FleetUsers.Domain.Access;

namespace FleetUsers.Domain.Tests.Access;

public sealed class LoginThrottleTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly LoginThrottle Throttle = new(5, 20, 20, TimeSpan.FromMinutes(15), TimeSpan.FromDays(30));

    private static DateTimeOffset[] MinutesAgo(params int[] minutes) => [.. minutes.Select(m => Now.AddMinutes(-m))];

    private static DateTimeOffset[] Times(int count, int minutesAgo) => [.. Enumerable.Repeat(Now.AddMinutes(-minutesAgo), count)];

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

    [Fact]
    public void Attempt_WithFiveFailuresOfTheNameAtItsAddress_Waits() =>
        Assert.Equal(TimeSpan.FromMinutes(13), Throttle.RetryAfter(new AttemptHistory(Times(5, 2), Times(5, 2), Times(5, 2), false), Now));

    [Fact]
    public void Attempt_WithFiveFailuresOfTheNameElsewhere_GoesAhead() =>
        Assert.Null(Throttle.RetryAfter(new AttemptHistory([], Times(5, 2), [], false), Now));

    [Fact]
    public void Attempt_WithTwentyFailuresOfTheNameFromEverywhere_Waits() =>
        Assert.Equal(TimeSpan.FromMinutes(11), Throttle.RetryAfter(new AttemptHistory([], Times(20, 4), [], false), Now));

    [Fact]
    public void Attempt_WithTwentyFailuresFromItsAddress_Waits() =>
        Assert.Equal(TimeSpan.FromMinutes(14), Throttle.RetryAfter(new AttemptHistory([], [], Times(20, 1), false), Now));

    [Fact]
    public void Attempt_FromAKnownAddress_IsSparedTheNameAndAddressLimits() =>
        Assert.Null(Throttle.RetryAfter(new AttemptHistory(Times(4, 1), Times(50, 1), Times(50, 1), true), Now));

    [Fact]
    public void Attempt_FromAKnownAddress_KeepsTheLimitOfTheNameAtThatAddress() =>
        Assert.Equal(TimeSpan.FromMinutes(14), Throttle.RetryAfter(new AttemptHistory(Times(5, 1), [], [], true), Now));

    [Fact]
    public void Attempt_WaitsForTheLongestOfItsLimits() =>
        Assert.Equal(TimeSpan.FromMinutes(12), Throttle.RetryAfter(new AttemptHistory(Times(5, 10), Times(20, 3), Times(20, 5), false), Now));
}
