using FleetUsers.Webhooks.Delivery;

namespace FleetUsers.Webhooks.Retry;

/// <summary>
/// When an endpoint that keeps failing is disabled: at once on 410 Gone (the specification's
/// advice), otherwise once every attempt since its last success — for <see cref="DisableAfter"/>
/// or longer — has failed.
/// </summary>
public sealed record FailingEndpointPolicy(TimeSpan DisableAfter)
{
    /// <param name="lastOutcome">The endpoint's latest attempt, for any event.</param>
    /// <param name="failingSince">When its first failed attempt since its last success was made; null if the latest succeeded.</param>
    public bool ShouldDisable(DeliveryOutcome lastOutcome, DateTimeOffset? failingSince)
    {
        ArgumentNullException.ThrowIfNull(lastOutcome);
        if (lastOutcome.Succeeded)
        {
            return false;
        }
        return lastOutcome.EndpointGone || (failingSince is { } since && lastOutcome.CompletedAt - since >= DisableAfter);
    }
}
