using System.Text.Json;
using Dapper;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements of the event outbox: append, read in feed order (xid, seq), delete what is past retention.</summary>
internal sealed class EventStore(SqlSession session) : IEventStore
{
    private const string InsertSql = """
        INSERT INTO events (id, company_id, type, occurred_at, subject_kind, subject_id, body)
        VALUES (@Id, @CompanyId, @Type, @OccurredAt, @SubjectKind, @SubjectId, @Body)
        """;

    /// <summary>Held back, on an engine that batches writes, to go with the commit (<see cref="SqlSession.WriteWithCommitAsync"/>).</summary>
    public async Task AppendAsync(ChangeEvent change, CancellationToken ct)
    {
        await session.WriteWithCommitAsync(InsertSql, Parameters(change), ct);
        session.EventsAppended++;
    }

    public async Task AppendManyAsync(IReadOnlyList<ChangeEvent> changes, CancellationToken ct)
    {
        if (changes.Count > 0)
        {
            await session.ExecuteAsync(InsertSql, changes.Select(Parameters).ToList(), ct);
            session.EventsAppended += changes.Count;
        }
    }

    public async Task StageAsync(Guid importId, IReadOnlyList<ChangeEvent> changes, CancellationToken ct)
    {
        if (changes.Count > 0)
        {
            await session.ExecuteAsync("""
                INSERT INTO import_events (import_id, id, company_id, type, occurred_at, subject_kind, subject_id, body)
                VALUES (@ImportId, @Id, @CompanyId, @Type, @OccurredAt, @SubjectKind, @SubjectId, @Body)
                """, changes.Select(c => Staged(importId, c)).ToList(), ct);
        }
    }

    public async Task<int> ReleaseStagedAsync(Guid importId, CancellationToken ct)
    {
        var released = await session.ExecuteAsync("""
            INSERT INTO events (id, company_id, type, occurred_at, subject_kind, subject_id, body)
            SELECT id, company_id, type, occurred_at, subject_kind, subject_id, body
            FROM import_events WHERE import_id = @importId ORDER BY seq
            """, new { importId }, ct);
        session.EventsAppended += released;
        return released;
    }

    public async Task<int> RemoveStagedAsync(Guid importId, int limit, CancellationToken ct) =>
        await session.ExecuteAsync(
            "DELETE FROM import_events WHERE seq IN (SELECT seq FROM import_events WHERE import_id = @importId ORDER BY seq LIMIT @limit)",
            new { importId, limit }, ct);

    /// <summary>Read from the staged events (almost always none), not from every import ever made.</summary>
    public async Task<IReadOnlyList<Guid>> CommittedImportsWithStagedEventsAsync(CancellationToken ct) =>
        (await session.Connection.QueryAsync<Guid>(session.Command("""
            SELECT DISTINCT s.import_id FROM import_events s
            JOIN user_imports i ON i.id = s.import_id AND i.committed_at IS NOT NULL
            """, null, ct))).AsList();

    private static object Staged(Guid importId, ChangeEvent change) => new
    {
        ImportId = importId,
        change.Id,
        change.CompanyId,
        change.Type,
        change.OccurredAt,
        change.SubjectKind,
        change.SubjectId,
        Body = change.ToJson().ToJsonString(JsonSerializerOptions.Web),
    };

    private static object Parameters(ChangeEvent change) => new
    {
        change.Id,
        change.CompanyId,
        change.Type,
        change.OccurredAt,
        change.SubjectKind,
        change.SubjectId,
        Body = change.ToJson().ToJsonString(JsonSerializerOptions.Web),
    };

    public async Task<IReadOnlyList<StoredEvent>?> ReadAsync(Guid companyId, Guid? after, IReadOnlyCollection<string>? types, int limit,
        CancellationToken ct)
    {
        var dialect = session.Database.Dialect;
        var parameters = new DynamicParameters(new { companyId, after, limit });
        var conditions = new List<string> { "e.company_id = @companyId", dialect.EventSettled };
        if (after is not null)
        {
            var known = await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int>(session.Command(
                "SELECT COUNT(*) FROM events WHERE id = @after AND company_id = @companyId", parameters, ct));
            if (known == 0)
            {
                return null;
            }
            conditions.Add("(e.xid, e.seq) > (SELECT a.xid, a.seq FROM events a WHERE a.id = @after AND a.company_id = @companyId)");
        }
        if (types is not null)
        {
            conditions.Add(dialect.IsOneOf("e.type", "@types"));
            parameters.Add("types", dialect.ListOf(types));
        }
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<EventRow>(session.Command(
            $"SELECT e.id, e.body FROM events e WHERE {string.Join(" AND ", conditions)} ORDER BY e.xid, e.seq LIMIT @limit",
            parameters, ct));
        return rows.Select(r => new StoredEvent(r.Id, r.Body)).ToList();
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        await session.ExecuteAsync(
            "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE occurred_at < @before ORDER BY seq LIMIT @batch)",
            new { before, batch }, ct);

    private sealed class EventRow
    {
        public Guid Id { get; set; }
        public string Body { get; set; } = "";
    }
}
