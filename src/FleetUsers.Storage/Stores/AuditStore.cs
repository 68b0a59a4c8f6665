using System.Text.Json;
using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Audit;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements of the audit trail: append an entry, read a user's entries, delete past retention (and its months, where kept by month).</summary>
internal sealed class AuditStore(SqlSession session) : IAuditStore
{
    private static readonly JsonSerializerOptions ChangesJson = new(JsonSerializerDefaults.Web);

    private const string Columns = "id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes";

    private const string InsertSql = $"""
        INSERT INTO audit_log ({Columns}, import_id)
        VALUES (@Id, @CompanyId, @UserId, @OccurredAt, @ActorType, @ActorId, @ActorName, @Action, @Changes, @ImportId)
        """;

    public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        AuditPurge.DeleteOlderThanAsync(session, "audit_log", before, batch, ct);

    public Task<bool> PrepareMonthsAsync(DateTimeOffset now, CancellationToken ct) => session.Database.Dialect.PrepareAuditMonthsAsync(session, now, ct);

    public Task<long> DetachMonthsBeforeAsync(DateTimeOffset before, CancellationToken ct) =>
        session.Database.Dialect.DetachAuditMonthsBeforeAsync(session, before, ct);

    public Task DropDetachedMonthsAsync(CancellationToken ct) => session.Database.Dialect.DropDetachedAuditMonthsAsync(session, ct);

    /// <summary>Held back, on an engine that batches writes, to go with the commit (<see cref="SqlSession.WriteWithCommitAsync"/>).</summary>
    public Task AppendAsync(AuditEntry entry, CancellationToken ct) =>
        session.WriteWithCommitAsync(InsertSql, Parameters(entry, importId: null), ct);

    /// <summary>The entries of one batch of an import, in one prepared statement, marked with the import.</summary>
    public async Task AppendManyAsync(IEnumerable<AuditEntry> entries, Guid importId, CancellationToken ct) =>
        await session.ExecuteAsync(InsertSql, entries.Select(e => Parameters(e, importId)).ToList(), ct);

    private static object Parameters(AuditEntry entry, Guid? importId) => new
    {
        entry.Id,
        entry.CompanyId,
        entry.UserId,
        entry.OccurredAt,
        ActorType = entry.Actor.Type,
        ActorId = entry.Actor.Id,
        ActorName = entry.Actor.Name,
        entry.Action,
        Changes = JsonSerializer.Serialize(entry.Changes, ChangesJson),
        ImportId = importId,
    };

    /// <summary>One page of the entries about a user (or, without one, about anyone of the company), newest first, and how many there are.</summary>
    public async Task<(int Total, IReadOnlyList<AuditEntry> Page)> ListAsync(Guid companyId, Guid? userId, int limit, int offset, CancellationToken ct)
    {
        var where = userId is null ? "company_id = @companyId" : "company_id = @companyId AND user_id = @userId";
        var parameters = new { companyId, userId, limit, offset };
        var total = await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int>(
            session.Command($"SELECT COUNT(*) FROM audit_log WHERE {where}", parameters, ct));
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<AuditRow>(session.Command(
            $"SELECT {Columns} FROM audit_log WHERE {where} ORDER BY seq DESC LIMIT @limit OFFSET @offset", parameters, ct));
        return (total, rows.Select(r => r.ToEntry()).ToList());
    }

    private sealed class AuditRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public Guid UserId { get; set; }
        public DateTimeOffset OccurredAt { get; set; }
        public string ActorType { get; set; } = "";
        public string ActorId { get; set; } = "";
        public string ActorName { get; set; } = "";
        public string Action { get; set; } = "";
        public string Changes { get; set; } = "[]";

        public AuditEntry ToEntry() => new(Id, CompanyId, UserId, OccurredAt, new AuditActor(ActorType, ActorId, ActorName), Action,
            JsonSerializer.Deserialize<List<FieldChange>>(Changes, ChangesJson) ?? []);
    }
}
