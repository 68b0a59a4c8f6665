using Dapper;
using FleetUsers.Application.Companies;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements about companies (tenants) and the shared role catalogue.</summary>
internal sealed class CompanyStore(SqlSession session) : ICompanyStore
{
    public async Task<bool> AnyAsync(CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<int?>(session.Command("SELECT 1 FROM companies LIMIT 1", null, ct)) is not null;

    /// <summary>
    /// Makes changes to one company's group tree take turns until commit (a row lock on the
    /// company; SQLite writers take turns anyway), so two moves can never combine into a cycle.
    /// The lock leaves the company's users free to be written meanwhile.
    /// </summary>
    public async Task LockTreeAsync(Guid companyId, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<Guid?>(session.Command(
            $"SELECT id FROM companies WHERE id = @companyId{session.Database.Dialect.ForNoKeyUpdate}", new { companyId }, ct));

    /// <summary>The company's name; null when there is no such company.</summary>
    public async Task<string?> NameAsync(Guid companyId, CancellationToken ct) =>
        await (await session.ConnectionAsync(ct)).ExecuteScalarAsync<string?>(session.Command(
            "SELECT name FROM companies WHERE id = @companyId", new { companyId }, ct));

    public async Task InsertAsync(Company company, CancellationToken ct) =>
        await session.ExecuteAsync(
            "INSERT INTO companies (id, name, created_date) VALUES (@Id, @Name, @CreatedDate)", company, ct);

    /// <summary>Every company, oldest first, with how many users and groups it has.</summary>
    public async Task<IReadOnlyList<CompanySummary>> ListAsync(CancellationToken ct) =>
        (await (await session.ConnectionAsync(ct)).QueryAsync<CompanySummaryRow>(session.Command(
            $"""
            SELECT c.id, c.name, c.created_date,
                {UserStore.CountedUsersOf("c.id")} AS user_count,
                (SELECT COUNT(*) FROM groups g WHERE g.company_id = c.id) AS group_count
            FROM companies c ORDER BY c.created_date, c.id
            """, null, ct))).Select(r => new CompanySummary(r.Id, r.Name, r.CreatedDate, (int)r.UserCount, (int)r.GroupCount)).ToList();

    /// <summary>Writes the catalogue's rows: new roles are added, names and descriptions kept current.</summary>
    public async Task SyncRoleCatalogAsync(CancellationToken ct)
    {
        foreach (var role in RoleCatalog.All)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO roles (id, name, description) VALUES (@Id, @Name, @Description)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description
                """, role, ct);
        }
    }

    public async Task<bool> RoleCatalogIsCurrentAsync(CancellationToken ct)
    {
        var stored = (await (await session.ConnectionAsync(ct)).QueryAsync<(long Id, string Name, string Description)>(
            session.Command("SELECT id, name, description FROM roles ORDER BY id", null, ct))).ToList();
        return stored.Count == RoleCatalog.All.Count
            && stored.Zip(RoleCatalog.All).All(p => p.First.Id == p.Second.Id && p.First.Name == p.Second.Name && p.First.Description == p.Second.Description);
    }

    private sealed class CompanySummaryRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public DateTimeOffset CreatedDate { get; set; }
        public long UserCount { get; set; }
        public long GroupCount { get; set; }
    }
}
