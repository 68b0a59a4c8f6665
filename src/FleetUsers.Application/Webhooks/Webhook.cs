namespace FleetUsers.Application.Webhooks;

/// <summary>
/// An endpoint a company's changes are pushed to. <see cref="Types"/> null: every type. Its signing
/// secret is not here: it is shown once, when the webhook is created, and kept only encrypted.
/// </summary>
public sealed record Webhook(Guid Id, Guid CompanyId, string Url, IReadOnlyList<string>? Types, bool Enabled,
    DateTimeOffset CreatedDate, DateTimeOffset UpdatedDate, string? DisabledReason);

/// <summary>What a caller sends to create or replace a webhook.</summary>
public sealed record WebhookDraft(string Url, IReadOnlyList<string>? Types, bool Enabled);

/// <summary>A new webhook and its secret, which the create answer carries once.</summary>
public sealed record CreatedWebhook(Webhook Webhook, string Secret);

/// <summary>The states of a delivery in the log.</summary>
public static class DeliveryStatus
{
    /// <summary>Failed so far; tried again at its next attempt (later events for the endpoint wait behind it).</summary>
    public const string Pending = "pending";

    public const string Succeeded = "succeeded";

    /// <summary>Given up (tried for Webhooks:GiveUpAfter, or 410 Gone): later events went on.</summary>
    public const string Failed = "failed";
}

/// <summary>One event's delivery to one endpoint, as the log shows it.</summary>
public sealed record WebhookDelivery(Guid Id, Guid EventId, long EventSeq, string EventType, string Status, int Attempts,
    DateTimeOffset FirstAttemptAt, DateTimeOffset LastAttemptAt, DateTimeOffset? NextAttemptAt, int? StatusCode, string? LastError,
    int? ResponseMilliseconds);

/// <summary>An endpoint one worker holds the lease of: where to send, with what (encrypted) secret, since when it fails.</summary>
public sealed record ClaimedWebhook(Guid Id, Guid CompanyId, string Url, string ProtectedSecret, DateTimeOffset? FailingSince);

/// <summary>An event still to deliver to an endpoint: its place in the feed, id, type and JSON text.</summary>
public sealed record PendingEvent(long Seq, Guid Id, string Type, string Body);

/// <summary>What an attempt leaves in the log.</summary>
public sealed record DeliveryRecord(Guid WebhookId, PendingEvent Event, string Status, DateTimeOffset AttemptedAt,
    DateTimeOffset? NextAttemptAt, int? StatusCode, string? Error, int ResponseMilliseconds);
