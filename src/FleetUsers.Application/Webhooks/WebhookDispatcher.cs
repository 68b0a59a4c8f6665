using System.Text;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Retry;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Webhooks;

/// <summary>
/// One round of the delivery worker: take the lease of one endpoint with events to deliver, send them
/// in feed order, and write each outcome before sending the next. Delivery is at least once: an event
/// is marked delivered only after its receiver answered, so an instance that dies between the two
/// leaves it to be sent again. Order is strict per endpoint: a failed event holds the later ones back
/// until it succeeds or is given up (see README, Webhooks).
/// </summary>
public sealed class WebhookDispatcher(IDatabase database, WebhookSender sender, RetrySchedule schedule, FailingEndpointPolicy failing,
    ISecretProtector secrets, ChangeRecorder recorder, WebhookMetrics metrics, IOptions<WebhookWorkerOptions> options, TimeProvider clock)
{
    private const int Batch = 100;

    /// <summary>True when it worked on an endpoint (there may be more to do at once); false when none had work.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var owner = Guid.NewGuid(); // a lease per round: a round that lost its endpoint cannot write over the next holder
        var now = clock.GetUtcNow();
        await using (var reading = await database.BeginAsync(write: false, ct))
        {
            if (!await reading.Webhooks.AnyDueAsync(now, ct))
            {
                return false;
            }
        }
        ClaimedWebhook? endpoint;
        await using (var session = await database.BeginAsync(write: true, ct))
        {
            endpoint = await session.Webhooks.ClaimAsync(owner, now, now + options.Value.Lease, ct);
            await session.CommitAsync(ct);
        }
        if (endpoint is null)
        {
            return false;
        }
        var holding = true;
        try
        {
            holding = await DeliverAsync(endpoint, owner, ct);
        }
        finally
        {
            if (holding)
            {
                // Also when stopping or failing: another round may take the endpoint at once (a lease left
                // behind would only delay it). Best effort: if this fails too, the lease runs out.
                await ReleaseQuietlyAsync(endpoint.Id, owner);
            }
        }
        return true;
    }

    /// <summary>Sends the endpoint's pending events; false when the lease is already let go (held for a retry, disabled, lost).</summary>
    private async Task<bool> DeliverAsync(ClaimedWebhook endpoint, Guid owner, CancellationToken ct)
    {
        var secret = secrets.Unprotect(endpoint.ProtectedSecret);
        IReadOnlyList<PendingEvent> events;
        await using (var session = await database.BeginAsync(write: false, ct))
        {
            events = await session.Webhooks.PendingEventsAsync(endpoint.Id, Batch, ct);
        }
        var failingSince = endpoint.FailingSince;
        foreach (var evt in events)
        {
            var outcome = await sender.SendAsync(new WebhookMessage(endpoint.Url, secret, evt.Id.ToString(), Encoding.UTF8.GetBytes(evt.Body)), ct);
            metrics.Attempted(outcome);
            var milliseconds = (int)Math.Min(int.MaxValue, outcome.ResponseTime.TotalMilliseconds);
            // Written whatever the caller's token says: an answered delivery not written would be sent again.
            await using var session = await database.BeginAsync(write: true, CancellationToken.None);
            var store = session.Webhooks;
            var leaseUntil = clock.GetUtcNow() + options.Value.Lease;
            if (outcome.Succeeded)
            {
                failingSince = null;
                if (!await store.AdvanceAsync(endpoint.Id, owner, evt.Seq, failingSince, leaseUntil, CancellationToken.None))
                {
                    return false;
                }
                await store.UpsertDeliveryAsync(new DeliveryRecord(endpoint.Id, evt, DeliveryStatus.Succeeded, outcome.AttemptedAt, null,
                    outcome.StatusCode, null, milliseconds), CancellationToken.None);
                await session.CommitAsync(CancellationToken.None);
                continue;
            }
            failingSince ??= outcome.AttemptedAt;
            // This event's own earlier attempts (not just any pending row: one left behind must not reset the count).
            var earlier = await store.DeliveryOfEventAsync(endpoint.Id, evt.Id, CancellationToken.None);
            var attempts = (earlier?.Attempts ?? 0) + 1;
            var firstAttemptAt = earlier?.FirstAttemptAt ?? outcome.AttemptedAt;
            var decision = schedule.Next(attempts, firstAttemptAt, outcome, Random.Shared);
            var stillHeld = decision.GivesUp
                ? await store.AdvanceAsync(endpoint.Id, owner, evt.Seq, failingSince, leaseUntil, CancellationToken.None)
                : await store.HoldAsync(endpoint.Id, owner, decision.NextAttemptAt!.Value, failingSince, clock.GetUtcNow(), CancellationToken.None);
            if (!stillHeld)
            {
                return false;
            }
            var error = decision.GivesUp ? $"{outcome.Error}; given up: {decision.GiveUpReason}" : outcome.Error;
            await store.UpsertDeliveryAsync(new DeliveryRecord(endpoint.Id, evt, decision.GivesUp ? DeliveryStatus.Failed : DeliveryStatus.Pending,
                outcome.AttemptedAt, decision.NextAttemptAt, outcome.StatusCode, error, milliseconds), CancellationToken.None);
            var disable = failing.ShouldDisable(outcome, failingSince);
            if (disable)
            {
                var reason = outcome.EndpointGone
                    ? "the receiver answered 410 Gone"
                    : $"every attempt failed since {failingSince:u} ({failing.DisableAfter} or longer)";
                var when = clock.GetUtcNow();
                await store.DisableAsync(endpoint.Id, reason, when, CancellationToken.None);
                await recorder.WebhookDisabledAsync(session, endpoint, reason, when, CancellationToken.None);
            }
            await session.CommitAsync(CancellationToken.None);
            if (disable || !decision.GivesUp)
            {
                return false;
            }
        }
        return true;
    }

    private async Task ReleaseQuietlyAsync(Guid webhookId, Guid owner)
    {
        try
        {
            await using var session = await database.BeginAsync(write: true, CancellationToken.None);
            await session.Webhooks.ReleaseAsync(webhookId, owner, clock.GetUtcNow(), CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        catch (Exception e) when (database.IsUnavailable(e) || e is OperationCanceledException)
        {
            // The lease runs out on its own.
        }
    }

    /// <summary>Samples the delivery lag for the metrics.</summary>
    public async Task SampleLagAsync(CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var oldest = await session.Webhooks.OldestUndeliveredAsync(ct);
        metrics.Lag(oldest is { } at ? clock.GetUtcNow() - at : TimeSpan.Zero);
    }
}
