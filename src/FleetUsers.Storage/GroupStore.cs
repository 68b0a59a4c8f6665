using Dapper;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Storage;

/// <summary>The statements that read and write groups.</summary>
public sealed class GroupStore
{
    private readonly StorageSession _session;

    internal GroupStore(StorageSession session) => _session = session;

    /// <summary>Every group of the company: the tree that reach, paths and levels are derived from.</summary>
    public async Task<GroupTree> LoadTreeAsync(Guid companyId, CancellationToken ct)
    {
        var rows = await _session.Connection.QueryAsync<GroupRow>(_session.Command(
            """
            SELECT id, company_id, parent_id, name, description, created_date, updated_date, revision
            FROM groups WHERE company_id = @companyId
            """, new { companyId }, ct));
        return new GroupTree(rows.Select(r => r.ToGroup()));
    }

    public async Task InsertAsync(Group group, CancellationToken ct) =>
        await _session.ExecuteAsync(
            """
            INSERT INTO groups (id, company_id, parent_id, name, description, created_date, updated_date, revision)
            VALUES (@Id, @CompanyId, @ParentId, @Name, @Description, @CreatedDate, @UpdatedDate, @Revision)
            """, group, ct);

    private sealed class GroupRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public Guid? ParentId { get; set; }
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public DateTimeOffset CreatedDate { get; set; }
        public DateTimeOffset UpdatedDate { get; set; }
        public int Revision { get; set; }

        public Group ToGroup() => new(Id, CompanyId, ParentId, Name, Description, CreatedDate, UpdatedDate, Revision);
    }
}
