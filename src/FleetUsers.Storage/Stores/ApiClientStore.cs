using Dapper;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Ports;

namespace FleetUsers.Storage.Stores;

/// <summary>The statements that read and write API clients.</summary>
internal sealed class ApiClientStore(SqlSession session) : IApiClientStore
{
    private const string Columns = "id, company_id, name, secret_hash, group_id, role_id, created_date, revoked_date, scim_role_id, scim_token_hash";

    public async Task InsertAsync(ApiClient client, CancellationToken ct) =>
        await session.ExecuteAsync(
            """
            INSERT INTO api_clients (id, company_id, name, secret_hash, group_id, role_id, created_date, revoked_date, scim_role_id, scim_token_hash)
            VALUES (@Id, @CompanyId, @Name, @SecretHash, @GroupId, @RoleId, @CreatedDate, @RevokedDate, @ScimRoleId, @ScimTokenHash)
            """, new
            {
                client.Id,
                client.CompanyId,
                client.Name,
                client.SecretHash,
                client.GroupId,
                client.RoleId,
                client.CreatedDate,
                client.RevokedDate,
                client.ScimRoleId,
                client.ScimTokenHash,
            }, ct);

    public async Task<ApiClient?> FindAsync(Guid clientId, CancellationToken ct) =>
        (await session.Connection.QuerySingleOrDefaultAsync<ApiClientRow>(session.Command(
            $"SELECT {Columns} FROM api_clients WHERE id = @clientId", new { clientId }, ct)))?.ToClient();

    public async Task<IReadOnlyList<ApiClient>> ListAsync(Guid? companyId, CancellationToken ct) =>
        (await session.Connection.QueryAsync<ApiClientRow>(session.Command(
            $"SELECT {Columns} FROM api_clients{(companyId is null ? "" : " WHERE company_id = @companyId")} ORDER BY created_date, id",
            new { companyId }, ct))).Select(r => r.ToClient()).ToList();

    public async Task<bool> RevokeAsync(Guid clientId, DateTimeOffset when, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE api_clients SET revoked_date = @when WHERE id = @clientId AND revoked_date IS NULL",
            new { clientId, when }, ct) == 1;

    private sealed class ApiClientRow
    {
        public Guid Id { get; set; }
        public Guid CompanyId { get; set; }
        public string Name { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public Guid GroupId { get; set; }
        public int RoleId { get; set; }
        public DateTimeOffset CreatedDate { get; set; }
        public DateTimeOffset? RevokedDate { get; set; }
        public int? ScimRoleId { get; set; }
        public string? ScimTokenHash { get; set; }

        public ApiClient ToClient() => new()
        {
            Id = Id,
            CompanyId = CompanyId,
            Name = Name,
            SecretHash = SecretHash,
            GroupId = GroupId,
            RoleId = RoleId,
            CreatedDate = CreatedDate,
            RevokedDate = RevokedDate,
            ScimRoleId = ScimRoleId,
            ScimTokenHash = ScimTokenHash,
        };
    }
}
