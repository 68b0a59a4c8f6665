using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Webhooks;
using FleetUsers.Domain;

namespace FleetUsers.Api.Events;

/// <summary>A webhook as callers see it: never its secret (only the create answer carries it, once).</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string>? Types, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedDate, DateTimeOffset UpdatedDate)
{
    public static WebhookResponse From(Webhook w) => new(w.Id, w.Url, w.Types, w.Enabled, w.DisabledReason, w.CreatedDate, w.UpdatedDate);
}

/// <summary>The create answer: the webhook and its whsec_ signing secret, shown this once.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string>? Types, bool Enabled, string? DisabledReason,
    DateTimeOffset CreatedDate, DateTimeOffset UpdatedDate, string Secret)
{
    public static CreatedWebhookResponse From(CreatedWebhook created)
    {
        var w = created.Webhook;
        return new(w.Id, w.Url, w.Types, w.Enabled, w.DisabledReason, w.CreatedDate, w.UpdatedDate, created.Secret);
    }
}

public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Data);

/// <summary>One delivery in the log (responseTimeMs: of the last attempt).</summary>
public sealed record DeliveryResponse(Guid Id, Guid EventId, string EventType, string Status, int Attempts, DateTimeOffset FirstAttemptAt,
    DateTimeOffset LastAttemptAt, DateTimeOffset? NextAttemptAt, int? StatusCode, string? LastError, int? ResponseTimeMs)
{
    public static DeliveryResponse From(WebhookDelivery d) => new(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.FirstAttemptAt,
        d.LastAttemptAt, d.NextAttemptAt, d.StatusCode, d.LastError, d.ResponseMilliseconds);
}

/// <summary>next: the before= of the next (older) page; null on the last page.</summary>
public sealed record DeliveryListMetadata(string? Next, int Limit);

public sealed record DeliveryListResponse(IReadOnlyList<DeliveryResponse> Data, DeliveryListMetadata Metadata);

/// <summary>POST and PUT /v1/webhooks: the body, declared once (read by it, documented by it), every problem named, unknown keys refused.</summary>
public static class WebhookRequestReader
{
    public static readonly BodyShape Shape = new("WebhookRequest",
        "Where to send, which types (absent or null: every type), enabled (default true).",
    [
        new("url", JsonKind.String, Presence.Required,
            "https (plain http and private addresses only when the operator allows them: Webhooks__AllowPrivateTargets)."),
        new("types", JsonKind.StringArray, Presence.Optional,
            $"Any of {string.Join(", ", EventTypes.All)}, at least one; absent or null for every type."),
        new("enabled", JsonKind.Boolean, Presence.Optional, "Default true; true turns a disabled webhook back on."),
    ]);

    public static WebhookDraft Read(JsonElement body)
    {
        var problems = new List<string>();
        var reader = new JsonObjectReader(body, problems);
        var values = reader.Read(Shape);
        reader.RejectUnknown();
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        return new WebhookDraft(values.String("url")!, values.Strings("types"), values.Boolean("enabled") ?? true);
    }
}
