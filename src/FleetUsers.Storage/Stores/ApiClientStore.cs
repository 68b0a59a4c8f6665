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
        await (await session.ConnectionAsync(ct)).QuerySingleOrDefaultAsync<ApiClient>(session.Command(
            $"SELECT {Columns} FROM api_clients WHERE id = @clientId", new { clientId }, ct));

    public async Task<IReadOnlyList<ApiClient>> ListAsync(Guid? companyId, CancellationToken ct) =>
        (await (await session.ConnectionAsync(ct)).QueryAsync<ApiClient>(session.Command(
            $"SELECT {Columns} FROM api_clients{(companyId is null ? "" : " WHERE company_id = @companyId")} ORDER BY created_date, id",
            new { companyId }, ct))).AsList();

    public async Task<bool> RevokeAsync(Guid clientId, DateTimeOffset when, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE api_clients SET revoked_date = @when WHERE id = @clientId AND revoked_date IS NULL",
            new { clientId, when }, ct) == 1;

    public async Task RehashSecretAsync(Guid clientId, string verifiedHash, string rehashedSecret, CancellationToken ct) =>
        await session.ExecuteAsync(
            "UPDATE api_clients SET secret_hash = @rehashedSecret WHERE id = @clientId AND secret_hash = @verifiedHash",
            new { clientId, verifiedHash, rehashedSecret }, ct);
}
