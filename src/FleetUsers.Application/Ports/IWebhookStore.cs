using FleetUsers.Application.Webhooks;

namespace FleetUsers.Application.Ports;

/// <summary>Webhooks, their delivery log, and the delivery worker's state per endpoint (cursor, retry, lease).</summary>
public interface IWebhookStore
{
    /// <summary>A new webhook, its cursor at the end of the feed: it receives the events written after it.</summary>
    Task InsertAsync(Webhook webhook, string protectedSecret, CancellationToken ct);

    Task<IReadOnlyList<Webhook>> ListAsync(Guid companyId, CancellationToken ct);

    Task<Webhook?> FindAsync(Guid companyId, Guid id, CancellationToken ct);

    /// <summary>Where the company's webhook sends and its encrypted secret; null when there is no such webhook.</summary>
    Task<(string Url, string ProtectedSecret)?> TargetAsync(Guid companyId, Guid id, CancellationToken ct);

    /// <summary>
    /// Replaces url, types and enabled; enabling a disabled webhook clears why it was disabled and its failure streak.
    /// A pending delivery the webhook no longer sends (disabled, or its type left out) is given up: nothing would retry it.
    /// </summary>
    Task<bool> UpdateAsync(Webhook webhook, CancellationToken ct);

    /// <summary>Removes the webhook and its log.</summary>
    Task<bool> DeleteAsync(Guid companyId, Guid id, CancellationToken ct);

    /// <summary>The newest deliveries first, up to <paramref name="limit"/>, those older than <paramref name="before"/> (a delivery id) if given.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Guid webhookId, Guid? before, int limit, CancellationToken ct);

    Task<WebhookDelivery?> FindDeliveryAsync(Guid webhookId, Guid deliveryId, CancellationToken ct);

    /// <summary>
    /// Deletes up to <paramref name="batch"/> of the oldest delivery log entries last attempted before
    /// <paramref name="before"/> and no longer pending (retention: their events are gone too); how many.
    /// </summary>
    Task<int> DeleteLogOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct);

    /// <summary>The event's JSON text, while it is kept (retention).</summary>
    Task<PendingEvent?> EventAsync(long seq, CancellationToken ct);

    /// <summary>A redelivery's attempt: one more attempt, the status it left, no schedule.</summary>
    Task RecordRedeliveryAsync(Guid deliveryId, string status, DateTimeOffset attemptedAt, int? statusCode, string? error,
        int responseMilliseconds, CancellationToken ct);

    /// <summary>True when some endpoint could be claimed now: a read, so idle workers do not take SQLite's write turn.</summary>
    Task<bool> AnyDueAsync(DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Takes the lease of one enabled endpoint that has events to deliver, is not waiting for a retry and
    /// whose lease is free (on PostgreSQL skipping endpoints another instance is claiming): the one served
    /// least recently. Null when there is none.
    /// </summary>
    Task<ClaimedWebhook?> ClaimAsync(Guid owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>The endpoint's events after its cursor, of its types, in feed order (only those the feed would serve).</summary>
    Task<IReadOnlyList<PendingEvent>> PendingEventsAsync(Guid webhookId, int limit, CancellationToken ct);

    /// <summary>The log's row of this event's delivery to the endpoint (its earlier attempts), if it was tried before.</summary>
    Task<WebhookDelivery?> DeliveryOfEventAsync(Guid webhookId, Guid eventId, CancellationToken ct);

    /// <summary>Writes the attempt's row (a new one, or the next attempt of the same event).</summary>
    Task UpsertDeliveryAsync(DeliveryRecord record, CancellationToken ct);

    /// <summary>Moves the cursor past the event and renews the lease; false when the lease was lost (or the webhook removed or disabled).</summary>
    Task<bool> AdvanceAsync(Guid webhookId, Guid owner, long eventSeq, DateTimeOffset? failingSince, DateTimeOffset leaseUntil,
        CancellationToken ct);

    /// <summary>Holds the endpoint until <paramref name="nextAttemptAt"/> and lets the lease go; false when the lease was lost.</summary>
    Task<bool> HoldAsync(Guid webhookId, Guid owner, DateTimeOffset nextAttemptAt, DateTimeOffset? failingSince, DateTimeOffset now,
        CancellationToken ct);

    /// <summary>Lets the lease go (the endpoint is served again after the others).</summary>
    Task ReleaseAsync(Guid webhookId, Guid owner, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Disables the endpoint, saying why, gives up its pending delivery and lets its lease go (in the session that just wrote
    /// its attempt as the lease holder).
    /// </summary>
    Task DisableAsync(Guid webhookId, string reason, DateTimeOffset now, CancellationToken ct);

    /// <summary>When the oldest event not yet delivered to an enabled endpoint occurred; null when every endpoint is caught up.</summary>
    Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken ct);
}
