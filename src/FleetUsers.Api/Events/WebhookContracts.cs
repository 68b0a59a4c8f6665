using System.Text.Json;
using System.Text.Json.Serialization;
using FleetUsers.Api.Http;
using FleetUsers.Application.Webhooks;
using FleetUsers.Domain;

namespace FleetUsers.Api.Events;

/// <summary>POST and PUT /v1/webhooks: where to send, which types (absent or null: every type), enabled (default true).</summary>
public sealed record WebhookRequest(string Url, IReadOnlyList<string>? Types, bool? Enabled);

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

/// <summary>Reads a webhook's body: every problem named, unknown keys refused.</summary>
public static class WebhookRequestReader
{
    public static WebhookDraft Read(JsonElement body)
    {
        var problems = new List<string>();
        var reader = new JsonObjectReader(body, problems);
        var url = reader.String("url", Presence.Required);
        var types = reader.Array("types", Presence.Optional);
        var enabled = reader.Boolean("enabled", Presence.Optional);
        reader.RejectUnknown();
        List<string>? typeList = null;
        if (types is { } array)
        {
            typeList = [];
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    problems.Add("types must be an array of event type names");
                    break;
                }
                typeList.Add(item.GetString() ?? "");
            }
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        return new WebhookDraft(url!, typeList, enabled ?? true);
    }
}
