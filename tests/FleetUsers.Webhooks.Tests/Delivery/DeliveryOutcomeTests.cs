using FleetUsers.Webhooks.Delivery;

namespace FleetUsers.Webhooks.Tests.Delivery;

public sealed class DeliveryOutcomeTests
{
    [Fact]
    public void Truncate_ALongError_KeepsTheFirstCharactersAndMarksTheCut()
    {
        var kept = DeliveryOutcome.Truncate(new string('a', 600));

        Assert.Equal(DeliveryOutcome.MaxErrorLength, kept!.Length);
        Assert.EndsWith("…", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncate_AShortError_KeepsItWhole() => Assert.Equal("HTTP 500", DeliveryOutcome.Truncate("HTTP 500"));

    [Fact]
    public void CompletedAt_IsTheAttemptPlusItsResponseTime() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 6, 18, 0, 2, TimeSpan.Zero),
            new DeliveryOutcome(DeliveryResult.Timeout, new DateTimeOffset(2026, 3, 6, 18, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(2)).CompletedAt);
}
