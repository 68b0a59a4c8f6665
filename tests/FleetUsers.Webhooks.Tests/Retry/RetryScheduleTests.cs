using CsCheck;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Retry;

namespace FleetUsers.Webhooks.Tests.Retry;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset First = new(2026, 3, 6, 18, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = RetrySchedule.Default;

    private static DeliveryOutcome Failure(DateTimeOffset at, TimeSpan? retryAfter = null, int status = 503) =>
        new(DeliveryResult.HttpError, at, TimeSpan.Zero, status, $"HTTP {status}", RetryAfter: retryAfter);

    private static TimeSpan Wait(int attemptsMade, DateTimeOffset last, Random random, TimeSpan? retryAfter = null) =>
        Schedule.Next(attemptsMade, First, Failure(last, retryAfter), random).NextAttemptAt!.Value - last;

    [Fact]
    public void Defaults_RetryFromFiveSecondsToAnHour_ForThreeDays()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), Schedule.FirstRetry);
        Assert.Equal(TimeSpan.FromHours(1), Schedule.MaxRetry);
        Assert.Equal(TimeSpan.FromHours(72), Schedule.GiveUpAfter);
        Assert.True(Schedule.GiveUpAfter >= TimeSpan.FromHours(24));
    }

    [Fact]
    public void Ceiling_DoublesFromTheFirstRetry_UpToTheMaximum()
    {
        Assert.Equal(
            [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600],
            Enumerable.Range(1, 11).Select(n => Schedule.Ceiling(n).TotalSeconds));
        Assert.Equal(Schedule.MaxRetry, Schedule.Ceiling(int.MaxValue));
    }

    [Fact]
    public void Next_AfterTheFirstFailure_WaitsBetweenFiveAndTenSeconds()
    {
        var random = new Random(1);
        var waits = Enumerable.Range(0, 1000).Select(_ => Wait(1, First, random)).ToList();

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)));
        Assert.True(waits.Distinct().Count() > 900, "the waits are spread, not one value");
    }

    [Fact]
    public void Next_AfterTheNthFailure_WaitsBetweenTheFirstRetryAndItsCeiling() =>
        Gen.Select(Gen.Int[1, 100], Gen.Int).Sample((attempts, seed) =>
            Assert.InRange(Wait(attempts, First.AddMinutes(1), new Random(seed)), Schedule.FirstRetry, Schedule.Ceiling(attempts)));

    [Fact]
    public void Next_WithTheSameSeed_IsTheSameDecision() =>
        Assert.Equal(
            Schedule.Next(4, First, Failure(First.AddMinutes(2)), new Random(42)),
            Schedule.Next(4, First, Failure(First.AddMinutes(2)), new Random(42)));

    [Fact]
    public void Next_WithARetryAfterLongerThanTheBackoff_WaitsExactlyAsLongAsAsked() =>
        Assert.Equal(TimeSpan.FromSeconds(120), Wait(1, First, new Random(3), TimeSpan.FromSeconds(120)));

    [Fact]
    public void Next_WithARetryAfterShorterThanTheBackoff_KeepsTheBackoff()
    {
        var wait = Wait(8, First.AddHours(1), new Random(5), TimeSpan.FromSeconds(1));

        Assert.Equal(Wait(8, First.AddHours(1), new Random(5)), wait);
        Assert.True(wait > TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Next_WithARetryAfterBeyondItsCap_WaitsTheCap() =>
        Assert.Equal(TimeSpan.FromHours(24), Wait(1, First, new Random(3), TimeSpan.FromDays(30)));

    [Fact]
    public void Next_NearTheDeadline_CutsTheWaitToEndAtIt()
    {
        var last = First + Schedule.GiveUpAfter - TimeSpan.FromMinutes(1);

        Assert.Equal(First + Schedule.GiveUpAfter, Schedule.Next(50, First, Failure(last), new Random(9)).NextAttemptAt);
    }

    [Fact]
    public void Next_SecondsBeforeTheDeadline_StillWaitsTheFirstRetry()
    {
        var last = First + Schedule.GiveUpAfter - TimeSpan.FromSeconds(1);

        Assert.Equal(last + Schedule.FirstRetry, Schedule.Next(50, First, Failure(last), new Random(9)).NextAttemptAt);
    }

    [Fact]
    public void Next_WithARetryAfterPastTheDeadline_HonoursIt()
    {
        var last = First + Schedule.GiveUpAfter - TimeSpan.FromMinutes(1);

        Assert.Equal(last + TimeSpan.FromHours(2), Schedule.Next(50, First, Failure(last, TimeSpan.FromHours(2)), new Random(9)).NextAttemptAt);
    }

    [Fact]
    public void Next_AfterAnAttemptAtTheDeadline_GivesUp()
    {
        var decision = Schedule.Next(90, First, Failure(First + Schedule.GiveUpAfter), new Random(9));

        Assert.True(decision.GivesUp);
        Assert.Contains("within", decision.GiveUpReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_AfterA410Gone_GivesUpAtOnce()
    {
        var decision = Schedule.Next(1, First, Failure(First, status: 410), new Random(9));

        Assert.True(decision.GivesUp);
        Assert.Contains("410", decision.GiveUpReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_AfterASuccess_IsAMistake() =>
        Assert.Throws<ArgumentException>(() => Schedule.Next(
            1, First, new DeliveryOutcome(DeliveryResult.Succeeded, First, TimeSpan.Zero, 200), new Random(9)));

    [Fact]
    public void ARunOfFailures_KeepsTryingUntilTheDeadline_WithinTheBoundsBetweenAttempts() =>
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var attempts = new List<DateTimeOffset> { First };
            RetryDecision decision;
            while (!(decision = Schedule.Next(attempts.Count, First, Failure(attempts[^1]), random)).GivesUp)
            {
                attempts.Add(decision.NextAttemptAt!.Value);
            }
            var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();

            Assert.True(attempts[^1] >= First + Schedule.GiveUpAfter, "the last attempt is at or after the deadline");
            Assert.All(gaps, g => Assert.InRange(g, Schedule.FirstRetry, Schedule.MaxRetry));
            Assert.InRange(attempts.Count, 72, 1000);
        }, iter: 50);
}
