using Dapper;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Audit;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements of the group trail: append an entry, read a window of entries, delete past retention.</summary>
internal sealed class GroupAuditStore(SqlSession session) : IGroupAuditStore
{
    private const string Columns = """
        id, company_id, group_id, action, occurred_at, actor_type, actor_id, actor_name, name, description,
        parent_id, root_group_id, full_path, full_path_id, revision, created_date, updated_date, deleted_date
        """;

    public Task<int> DeleteOlderThanAsync(DateTimeOffset before, int batch, CancellationToken ct) =>
        AuditPurge.DeleteOlderThanAsync(session, "group_audit_log", before, batch, ct);

    public async Task AppendManyAsync(IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct) =>
        await session.ExecuteAsync(InsertSql, entries.Select(Parameters).ToList(), ct);

    private const string InsertSql = $"""
        INSERT INTO group_audit_log ({Columns})
        VALUES (@Id, @CompanyId, @GroupId, @Action, @OccurredAt, @ActorType, @ActorId, @ActorName, @Name, @Description,
            @ParentId, @RootGroupId, @FullPath, @FullPathId, @Revision, @CreatedDate, @UpdatedDate, @DeletedDate)
        """;

    private static object Parameters(GroupAuditEntry entry) => new
    {
        entry.Id,
        entry.CompanyId,
        entry.GroupId,
        entry.Action,
        entry.OccurredAt,
        ActorType = entry.Actor.Type,
        ActorId = entry.Actor.Id,
        ActorName = entry.Actor.Name,
        entry.Name,
        entry.Description,
        entry.ParentId,
        entry.RootGroupId,
        entry.FullPath,
        entry.FullPathId,
        entry.Revision,
        entry.CreatedDate,
        entry.UpdatedDate,
        entry.DeletedDate,
    };

    /// <summary>One page of the entries the filter selects, and how many it selects in all.</summary>
    public async Task<(int Total, IReadOnlyList<GroupAuditEntry> Page)> ListAsync(GroupAuditFilter filter, CancellationToken ct)
    {
        var dialect = session.Database.Dialect;
        var conditions = new List<string> { "company_id = @companyId", "occurred_at >= @from", "occurred_at <= @to" };
        var parameters = new DynamicParameters(new { companyId = filter.CompanyId, from = filter.From, to = filter.To });
        if (filter.GroupIds is { } groupIds)
        {
            conditions.Add(dialect.IsOneOf("group_id", "@groupIds"));
            parameters.Add("groupIds", dialect.ListOf(groupIds));
        }
        if (filter.ActorId is { } actorId)
        {
            conditions.Add("actor_id = @actorId");
            parameters.Add("actorId", actorId.ToString());
        }
        if (filter.Action is { } action)
        {
            conditions.Add("action = @action");
            parameters.Add("action", action);
        }
        var where = string.Join(" AND ", conditions);
        var direction = filter.Descending ? "DESC" : "ASC";
        var column = filter.Sort == GroupAuditSort.CreatedDate ? "created_date" : "updated_date";
        parameters.Add("limit", filter.Limit);
        parameters.Add("offset", filter.Offset);
        var total = await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int>(
            session.Command($"SELECT COUNT(*) FROM group_audit_log WHERE {where}", parameters, ct));
        var rows = await (await session.ConnectionAsync(ct)).QueryAsync<GroupAuditRow>(session.Command(
            $"SELECT {Columns} FROM group_audit_log WHERE {where} ORDER BY {column} {direction}, seq {direction} LIMIT @limit OFFSET @offset",
            parameters, ct));
        return (total, rows.Select(r => r.ToEntry()).ToList());
    }

    /// <summary>The groups of the company deleted since <paramref name="since"/>, with the parent each had.</summary>
    public async Task<IReadOnlyList<DeletedGroup>> DeletedSinceAsync(Guid companyId, DateTimeOffset since, CancellationToken ct) =>
        (await (await session.ConnectionAsync(ct)).QueryAsync<DeletedRow>(session.Command(
            "SELECT group_id, parent_id FROM group_audit_log WHERE company_id = @companyId AND action = @action AND occurred_at >= @since",
            new { companyId, since, action = GroupAuditAction.Delete }, ct))).Select(r => new DeletedGroup(r.GroupId, r.ParentId)).ToList();

    private sealed class DeletedRow
    {
        public Guid GroupId { get; set; }
        public Guid? ParentId { get; set; }
    }

    private sealed class GroupAuditRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public Guid GroupId { get; set; }
        public string Action { get; set; } = "";
        public DateTimeOffset OccurredAt { get; set; }
        public string ActorType { get; set; } = "";
        public string ActorId { get; set; } = "";
        public string ActorName { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public Guid? ParentId { get; set; }
        public Guid RootGroupId { get; set; }
        public string FullPath { get; set; } = "";
        public string FullPathId { get; set; } = "";
        public int Revision { get; set; }
        public DateTimeOffset CreatedDate { get; set; }
        public DateTimeOffset UpdatedDate { get; set; }
        public DateTimeOffset? DeletedDate { get; set; }

        public GroupAuditEntry ToEntry() => new()
        {
            Id = Id,
            CompanyId = CompanyId,
            GroupId = GroupId,
            Action = Action,
            OccurredAt = OccurredAt,
            Actor = new AuditActor(ActorType, ActorId, ActorName),
            Name = Name,
            Description = Description,
            ParentId = ParentId,
            RootGroupId = RootGroupId,
            FullPath = FullPath,
            FullPathId = FullPathId,
            Revision = Revision,
            CreatedDate = CreatedDate,
            UpdatedDate = UpdatedDate,
            DeletedDate = DeletedDate,
        };
    }
}
