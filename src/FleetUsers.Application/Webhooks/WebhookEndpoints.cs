using FleetUsers.Application.Changes;
using FleetUsers.Application.Events;
using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Webhooks.Delivery;
using FleetUsers.Webhooks.Signing;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Application.Webhooks;

/// <summary>
/// A company's webhooks: create (the secret shown once), list, read, replace, remove, their delivery
/// log and redelivery. For the callers that may read the company's feed (<see cref="FeedReaders"/>);
/// another company's webhook is not found.
/// </summary>
public sealed class WebhookEndpoints(IDatabase database, TargetPolicy targets, ISecretProtector secrets, WebhookSender sender,
    WebhookMetrics metrics, TimeProvider clock)
{
    public const int MaxWebhooksPerCompany = 50;

    public async Task<CreatedWebhook> CreateAsync(Caller caller, WebhookDraft given, CancellationToken ct)
    {
        var draft = Checked(given);
        var secret = WebhookSecret.Generate();
        // Before the write session: Data Protection may write a new key through a write session of its own (on SQLite, the writer's turn).
        var protectedSecret = secrets.Protect(secret);
        var now = clock.GetUtcNow();
        var webhook = new Webhook(Guid.CreateVersion7(now), caller.CompanyId, draft.Url, draft.Types, draft.Enabled, now, now, null);
        await using var session = await database.BeginAsync(write: true, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        if ((await session.Webhooks.ListAsync(caller.CompanyId, ct)).Count >= MaxWebhooksPerCompany)
        {
            throw new ConflictException($"the company has {MaxWebhooksPerCompany} webhooks, as many as it may: remove one first");
        }
        await session.Webhooks.InsertAsync(webhook, protectedSecret, ct);
        await session.CommitAsync(ct);
        return new CreatedWebhook(webhook, secret);
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        return await session.Webhooks.ListAsync(caller.CompanyId, ct);
    }

    public async Task<Webhook> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        return await FindAsync(session, caller, id, ct);
    }

    public async Task<Webhook> UpdateAsync(Caller caller, Guid id, WebhookDraft given, CancellationToken ct)
    {
        var draft = Checked(given);
        await using var session = await database.BeginAsync(write: true, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        var current = await FindAsync(session, caller, id, ct);
        var updated = current with
        {
            Url = draft.Url,
            Types = draft.Types,
            Enabled = draft.Enabled,
            UpdatedDate = clock.GetUtcNow(),
            DisabledReason = draft.Enabled ? null : current.DisabledReason,
        };
        await session.Webhooks.UpdateAsync(updated, ct);
        await session.CommitAsync(ct);
        return updated;
    }

    public async Task DeleteAsync(Caller caller, Guid id, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: true, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        if (!await session.Webhooks.DeleteAsync(caller.CompanyId, id, ct))
        {
            throw NotFound(id);
        }
        await session.CommitAsync(ct);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Caller caller, Guid id, Guid? before, int limit, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        await FeedReaders.RequireAsync(session, caller, ct);
        await FindAsync(session, caller, id, ct);
        return await session.Webhooks.DeliveriesAsync(id, before, limit, ct);
    }

    /// <summary>
    /// Sends a delivery's event once more, now, with the same webhook-id, and answers the delivery as
    /// it is after. Not for a delivery still pending: the worker retries that one on its schedule.
    /// </summary>
    public async Task<WebhookDelivery> RedeliverAsync(Caller caller, Guid id, Guid deliveryId, CancellationToken ct)
    {
        WebhookDelivery delivery;
        PendingEvent evt;
        string url;
        string protectedSecret;
        await using (var session = await database.BeginAsync(write: false, ct))
        {
            await FeedReaders.RequireAsync(session, caller, ct);
            (url, protectedSecret) = await session.Webhooks.TargetAsync(caller.CompanyId, id, ct) ?? throw NotFound(id);
            delivery = await session.Webhooks.FindDeliveryAsync(id, deliveryId, ct)
                ?? throw new NotFoundException($"delivery {deliveryId} not found");
            if (delivery.Status == DeliveryStatus.Pending)
            {
                throw new ConflictException($"delivery {deliveryId} is pending: it is tried again at nextAttemptAt");
            }
            evt = await session.Webhooks.EventAsync(delivery.EventSeq, ct)
                ?? throw new ConflictException($"event {delivery.EventId} is no longer kept (older than the retention period)");
        }
        // The sender refuses a URL the target policy no longer allows: a failed attempt in the log, as the worker's would be.
        var message = new WebhookMessage(url, secrets.Unprotect(protectedSecret), evt.Id.ToString(), System.Text.Encoding.UTF8.GetBytes(evt.Body));
        var outcome = await sender.SendAsync(message, ct);
        metrics.Attempted(outcome);
        var status = outcome.Succeeded ? DeliveryStatus.Succeeded : DeliveryStatus.Failed;
        // Written whatever the caller's token says, as the worker does: a caller gone after the send must not lose the attempt.
        await using (var session = await database.BeginAsync(write: true, CancellationToken.None))
        {
            await session.Webhooks.RecordRedeliveryAsync(deliveryId, status, outcome.AttemptedAt, outcome.StatusCode, outcome.Error,
                (int)outcome.ResponseTime.TotalMilliseconds, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }
        return delivery with
        {
            Status = status,
            Attempts = delivery.Attempts + 1,
            LastAttemptAt = outcome.AttemptedAt,
            StatusCode = outcome.StatusCode,
            LastError = outcome.Error,
            ResponseMilliseconds = (int)outcome.ResponseTime.TotalMilliseconds,
        };
    }

    private static async Task<Webhook> FindAsync(IStorageSession session, Caller caller, Guid id, CancellationToken ct) =>
        await session.Webhooks.FindAsync(caller.CompanyId, id, ct) ?? throw NotFound(id);

    private static NotFoundException NotFound(Guid id) => new($"webhook {id} not found");

    /// <summary>
    /// The URL by the SSRF policy (https unless private targets are allowed); types known (spelled as
    /// <see cref="EventTypes.All"/> spells them, each once), at least one.
    /// </summary>
    private WebhookDraft Checked(WebhookDraft draft)
    {
        var problems = new List<string>();
        if (targets.CheckUrl(draft.Url) is { } problem)
        {
            problems.Add(problem);
        }
        var types = draft.Types is null ? null : EventTypes.Parse(draft.Types);
        if (draft.Types is { Count: 0 })
        {
            problems.Add("types must list at least one event type, or be left out (or null) for every type");
        }
        else if (draft.Types is not null && types is null)
        {
            problems.Add($"types may hold only {string.Join(", ", EventTypes.All)}");
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        return draft with { Types = types };
    }
}
