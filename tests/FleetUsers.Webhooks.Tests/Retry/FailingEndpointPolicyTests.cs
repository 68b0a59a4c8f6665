using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Retry;

namespace FleetUsers.Webhooks.Tests.Retry;

public sealed class FailingEndpointPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 6, 18, 0, 0, TimeSpan.Zero);
    private static readonly FailingEndpointPolicy Policy = new WebhookOptions().ToFailingEndpointPolicy();

    private static DeliveryOutcome Outcome(DeliveryResult result, int? status = null) => new(result, Now, TimeSpan.Zero, status);

    [Fact]
    public void Default_DisablesAfterFiveDays() => Assert.Equal(TimeSpan.FromDays(5), Policy.DisableAfter);

    [Fact]
    public void ShouldDisable_OnA410Gone_AtOnce() =>
        Assert.True(Policy.ShouldDisable(Outcome(DeliveryResult.HttpError, 410), failingSince: Now));

    [Fact]
    public void ShouldDisable_WhenFailingForLessThanTheLimit_IsFalse() =>
        Assert.False(Policy.ShouldDisable(Outcome(DeliveryResult.Timeout), Now - TimeSpan.FromDays(5) + TimeSpan.FromSeconds(1)));

    [Fact]
    public void ShouldDisable_WhenFailingForTheLimit_IsTrue() =>
        Assert.True(Policy.ShouldDisable(Outcome(DeliveryResult.NetworkError), Now - TimeSpan.FromDays(5)));

    [Fact]
    public void ShouldDisable_AfterASuccess_IsFalse() =>
        Assert.False(Policy.ShouldDisable(Outcome(DeliveryResult.Succeeded, 200), Now - TimeSpan.FromDays(30)));
}
