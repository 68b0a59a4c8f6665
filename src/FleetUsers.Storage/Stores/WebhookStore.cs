using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Webhooks;
using FleetUsers.Domain;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements of webhooks (migration 0080): the endpoints, their delivery log, the worker's cursor, retry and lease.</summary>
internal sealed class WebhookStore(SqlSession session) : IWebhookStore
{
    private const string Columns = "id, company_id, url, types, enabled, created_date, updated_date, disabled_reason";

    private const string DeliveryColumns = """
        id, event_id, event_seq, event_type, status, attempts, first_attempt_at, last_attempt_at, next_attempt_at,
        status_code, last_error, response_ms
        """;

    /// <summary>"Event e is still to deliver to webhook w": after its cursor, of its types, and served by the feed.</summary>
    private string Pending => $"""
        e.company_id = w.company_id AND (e.xid, e.seq) > (w.cursor_xid, w.cursor_seq) AND {session.Database.Dialect.EventSettled}
        AND (w.types IS NULL OR w.types LIKE '%,' || e.type || ',%')
        """;

    public async Task InsertAsync(Webhook webhook, string protectedSecret, CancellationToken ct) =>
        await session.ExecuteAsync($"""
            INSERT INTO webhooks (id, company_id, url, types, enabled, secret, created_date, updated_date, cursor_xid, cursor_seq)
            VALUES (@Id, @CompanyId, @Url, @Types, @Enabled, @secret, @CreatedDate, @UpdatedDate, {session.Database.Dialect.FeedEnd})
            """, new
        {
            webhook.Id, webhook.CompanyId, webhook.Url, Types = TypesText(webhook.Types), webhook.Enabled, secret = protectedSecret,
            webhook.CreatedDate, webhook.UpdatedDate,
        }, ct);

    public async Task<IReadOnlyList<Webhook>> ListAsync(Guid companyId, CancellationToken ct)
    {
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<WebhookRow>(session.Command(
            $"SELECT {Columns} FROM webhooks WHERE company_id = @companyId ORDER BY id", new { companyId }, ct));
        return rows.Select(r => r.ToWebhook()).ToList();
    }

    public async Task<Webhook?> FindAsync(Guid companyId, Guid id, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<WebhookRow>(session.Command(
            $"SELECT {Columns} FROM webhooks WHERE company_id = @companyId AND id = @id", new { companyId, id }, ct));
        return row?.ToWebhook();
    }

    public async Task<(string Url, string ProtectedSecret)?> TargetAsync(Guid companyId, Guid id, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<TargetRow>(session.Command(
            "SELECT url, secret FROM webhooks WHERE company_id = @companyId AND id = @id", new { companyId, id }, ct));
        return row is null ? null : (row.Url, row.Secret);
    }

    public async Task<bool> UpdateAsync(Webhook webhook, CancellationToken ct)
    {
        var updated = await session.ExecuteAsync("""
            UPDATE webhooks SET url = @Url, types = @Types, updated_date = @UpdatedDate, disabled_reason = @DisabledReason,
                failing_since = CASE WHEN enabled THEN failing_since ELSE NULL END,
                next_attempt_at = CASE WHEN enabled THEN next_attempt_at ELSE NULL END,
                enabled = @Enabled
            WHERE company_id = @CompanyId AND id = @Id
            """, new
        {
            webhook.Id, webhook.CompanyId, webhook.Url, Types = TypesText(webhook.Types), webhook.Enabled, webhook.UpdatedDate,
            webhook.DisabledReason,
        }, ct) == 1;
        if (updated && !webhook.Enabled)
        {
            await GiveUpPendingAsync(webhook.Id, null, "the webhook was disabled", ct);
        }
        else if (updated && TypesText(webhook.Types) is { } types
            && await GiveUpPendingAsync(webhook.Id, types, "the webhook's types no longer include it", ct) > 0)
        {
            // The endpoint waited for that event's retry: the events after it need not.
            await session.ExecuteAsync("UPDATE webhooks SET next_attempt_at = NULL WHERE id = @Id", new { webhook.Id }, ct);
        }
        return updated;
    }

    /// <summary>
    /// Marks the webhook's pending deliveries failed (only those of a type <paramref name="types"/> leaves out, when given),
    /// saying why: the worker no longer sends their events, so they would otherwise show pending forever (and refuse redelivery).
    /// </summary>
    private async Task<int> GiveUpPendingAsync(Guid webhookId, string? types, string reason, CancellationToken ct) =>
        await session.ExecuteAsync($"""
            UPDATE webhook_deliveries SET status = @failed, next_attempt_at = NULL,
                last_error = COALESCE(last_error || '; ', '') || @givenUp
            WHERE webhook_id = @webhookId AND status = @pending{(types is null ? "" : " AND @types NOT LIKE '%,' || event_type || ',%'")}
            """, new
        {
            webhookId, types, failed = DeliveryStatus.Failed, pending = DeliveryStatus.Pending, givenUp = "given up: " + reason,
        }, ct);

    public async Task<bool> DeleteAsync(Guid companyId, Guid id, CancellationToken ct)
    {
        // The log first: SQLite enforces ON DELETE CASCADE only with its foreign keys on; both engines do it this way.
        await session.ExecuteAsync(
            "DELETE FROM webhook_deliveries WHERE webhook_id IN (SELECT id FROM webhooks WHERE company_id = @companyId AND id = @id)",
            new { companyId, id }, ct);
        return await session.ExecuteAsync("DELETE FROM webhooks WHERE company_id = @companyId AND id = @id", new { companyId, id }, ct) == 1;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(Guid webhookId, Guid? before, int limit, CancellationToken ct)
    {
        var older = before is null ? "" : " AND id < @before";
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<DeliveryRow>(session.Command(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhookId{older} ORDER BY id DESC LIMIT @limit",
            new { webhookId, before, limit }, ct));
        return rows.Select(r => r.ToDelivery()).ToList();
    }

    public async Task<WebhookDelivery?> FindDeliveryAsync(Guid webhookId, Guid deliveryId, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<DeliveryRow>(session.Command(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhookId AND id = @deliveryId",
            new { webhookId, deliveryId }, ct));
        return row?.ToDelivery();
    }

    public async Task<PendingEvent?> EventAsync(long seq, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<EventRow>(session.Command(
            "SELECT seq, id, type, body FROM events WHERE seq = @seq", new { seq }, ct));
        return row?.ToEvent();
    }

    public async Task RecordRedeliveryAsync(Guid deliveryId, string status, DateTimeOffset attemptedAt, int? statusCode, string? error,
        int responseMilliseconds, CancellationToken ct) =>
        await session.ExecuteAsync("""
            UPDATE webhook_deliveries SET status = @status, attempts = attempts + 1, last_attempt_at = @attemptedAt,
                status_code = @statusCode, last_error = @error, response_ms = @responseMilliseconds
            WHERE id = @deliveryId
            """, new { deliveryId, status, attemptedAt, statusCode, error, responseMilliseconds }, ct);

    private string Due => $"""
        w.enabled AND (w.lease_until IS NULL OR w.lease_until < @now)
          AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= @now)
          AND EXISTS (SELECT 1 FROM events e WHERE {Pending})
        """;

    public async Task<bool> AnyDueAsync(DateTimeOffset now, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<object?>(session.Command(
            $"SELECT 1 FROM webhooks w WHERE {Due} LIMIT 1", new { now }, ct)) is not null;

    public async Task<ClaimedWebhook?> ClaimAsync(Guid owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<ClaimRow>(session.Command($"""
            UPDATE webhooks SET lease_owner = @owner, lease_until = @leaseUntil
            WHERE id = (
                SELECT w.id FROM webhooks w WHERE {Due}
                ORDER BY w.lease_until NULLS FIRST LIMIT 1{session.Database.Dialect.SkipLocked})
            RETURNING id, company_id, url, secret, failing_since
            """, new { owner, now, leaseUntil }, ct));
        return row is null ? null : new ClaimedWebhook(row.Id, row.CompanyId, row.Url, row.Secret, row.FailingSince);
    }

    public async Task<IReadOnlyList<PendingEvent>> PendingEventsAsync(Guid webhookId, int limit, CancellationToken ct)
    {
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<EventRow>(session.Command($"""
            SELECT e.seq, e.id, e.type, e.body FROM webhooks w JOIN events e ON {Pending}
            WHERE w.id = @webhookId ORDER BY e.xid, e.seq LIMIT @limit
            """, new { webhookId, limit }, ct));
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<WebhookDelivery?> DeliveryOfEventAsync(Guid webhookId, Guid eventId, CancellationToken ct)
    {
        var row = await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<DeliveryRow>(session.Command(
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhookId AND event_id = @eventId",
            new { webhookId, eventId }, ct));
        return row?.ToDelivery();
    }

    public async Task<int> DeleteLogOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        // Among the first entries by id (time-ordered), those done and past the cutoff: the primary key alone, never a scan.
        await session.ExecuteAsync("""
            DELETE FROM webhook_deliveries
            WHERE id IN (SELECT id FROM webhook_deliveries ORDER BY id LIMIT @batch) AND last_attempt_at < @before AND status <> @pending
            """, new { before, batch, pending = DeliveryStatus.Pending }, ct);

    public async Task UpsertDeliveryAsync(DeliveryRecord record, CancellationToken ct) =>
        await session.ExecuteAsync("""
            INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_seq, event_type, status, attempts, first_attempt_at,
                last_attempt_at, next_attempt_at, status_code, last_error, response_ms)
            VALUES (@id, @webhookId, @eventId, @eventSeq, @eventType, @status, 1, @attemptedAt, @attemptedAt, @nextAttemptAt,
                @statusCode, @error, @responseMilliseconds)
            ON CONFLICT (webhook_id, event_id) DO UPDATE SET status = excluded.status, attempts = webhook_deliveries.attempts + 1,
                last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at,
                status_code = excluded.status_code, last_error = excluded.last_error, response_ms = excluded.response_ms
            """, new
        {
            id = SortableId.At(record.AttemptedAt), // the log is in id order: two attempts in one millisecond keep theirs
            webhookId = record.WebhookId,
            eventId = record.Event.Id,
            eventSeq = record.Event.Seq,
            eventType = record.Event.Type,
            status = record.Status,
            attemptedAt = record.AttemptedAt,
            nextAttemptAt = record.NextAttemptAt,
            statusCode = record.StatusCode,
            error = record.Error,
            responseMilliseconds = record.ResponseMilliseconds,
        }, ct);

    public async Task<bool> AdvanceAsync(Guid webhookId, Guid owner, long eventSeq, DateTimeOffset? failingSince, DateTimeOffset leaseUntil,
        CancellationToken ct) =>
        await session.ExecuteAsync("""
            UPDATE webhooks SET cursor_xid = COALESCE((SELECT xid FROM events WHERE seq = @eventSeq), cursor_xid), cursor_seq = @eventSeq,
                next_attempt_at = NULL, failing_since = @failingSince, lease_until = @leaseUntil
            WHERE id = @webhookId AND lease_owner = @owner AND enabled
            """, new { webhookId, owner, eventSeq, failingSince, leaseUntil }, ct) == 1;

    public async Task<bool> HoldAsync(Guid webhookId, Guid owner, DateTimeOffset nextAttemptAt, DateTimeOffset? failingSince, DateTimeOffset now,
        CancellationToken ct) =>
        await session.ExecuteAsync("""
            UPDATE webhooks SET next_attempt_at = @nextAttemptAt, failing_since = @failingSince, lease_owner = NULL, lease_until = @now
            WHERE id = @webhookId AND lease_owner = @owner
            """, new { webhookId, owner, nextAttemptAt, failingSince, now }, ct) == 1;

    public async Task ReleaseAsync(Guid webhookId, Guid owner, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE webhooks SET lease_owner = NULL, lease_until = @now WHERE id = @webhookId AND lease_owner = @owner",
            new { webhookId, owner, now }, ct);

    public async Task DisableAsync(Guid webhookId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            UPDATE webhooks SET enabled = @enabled, disabled_reason = @reason, updated_date = @now, lease_owner = NULL, lease_until = @now
            WHERE id = @webhookId
            """, new { webhookId, enabled = false, reason, now }, ct);
        await GiveUpPendingAsync(webhookId, null, "the webhook was disabled", ct);
    }

    public async Task<DateTimeOffset?> OldestUndeliveredAsync(CancellationToken ct)
    {
        var oldest = await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<object?>(session.Command(
            $"SELECT MIN(e.occurred_at) FROM webhooks w JOIN events e ON {Pending} WHERE w.enabled", null, ct));
        return oldest is null or DBNull ? null : ColumnValues.Date(oldest);
    }

    /// <summary>Null for every type, else ",a,b," so that LIKE '%,type,%' matches one type exactly.</summary>
    private static string? TypesText(IReadOnlyList<string>? types) => types is null ? null : "," + string.Join(",", types) + ",";

    private sealed class WebhookRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public string Url { get; set; } = "";
        public string? Types { get; set; }
        public object Enabled { get; set; } = false;
        public DateTimeOffset CreatedDate { get; set; }
        public DateTimeOffset UpdatedDate { get; set; }
        public string? DisabledReason { get; set; }

        public Webhook ToWebhook() => new(Id, CompanyId, Url, Types?.Split(',', StringSplitOptions.RemoveEmptyEntries),
            ColumnValues.Flag(Enabled), CreatedDate, UpdatedDate, DisabledReason);
    }

    private sealed class ClaimRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
        public DateTimeOffset? FailingSince { get; set; }
    }

    private sealed class TargetRow
    {
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; set; }
        public Guid EventId { get; set; }
        public long EventSeq { get; set; }
        public string EventType { get; set; } = "";
        public string Status { get; set; } = "";
        public long Attempts { get; set; }
        public DateTimeOffset FirstAttemptAt { get; set; }
        public DateTimeOffset LastAttemptAt { get; set; }
        public DateTimeOffset? NextAttemptAt { get; set; }
        public long? StatusCode { get; set; }
        public string? LastError { get; set; }
        public long? ResponseMs { get; set; }

        public WebhookDelivery ToDelivery() => new(Id, EventId, EventSeq, EventType, Status, (int)Attempts, FirstAttemptAt, LastAttemptAt,
            NextAttemptAt, (int?)StatusCode, LastError, (int?)ResponseMs);
    }

    private sealed class EventRow
    {
        public long Seq { get; set; }
        public Guid Id { get; set; }
        public string Type { get; set; } = "";
        public string Body { get; set; } = "";

        public PendingEvent ToEvent() => new(Seq, Id, Type, Body);
    }
}
