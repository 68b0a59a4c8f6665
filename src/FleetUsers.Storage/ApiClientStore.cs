using Dapper;

namespace FleetUsers.Storage;

/// <summary>An API client as stored: one row of <c>api_clients</c>.</summary>
public sealed class StoredApiClient
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public string Name { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public Guid GroupId { get; set; }
    public int RoleId { get; set; }
    public DateTimeOffset CreatedDate { get; set; }
    public DateTimeOffset? RevokedDate { get; set; }

    public bool IsActive => RevokedDate is null;
}

/// <summary>The statements that read and write API clients.</summary>
public sealed class ApiClientStore
{
    private const string Columns = "id, company_id, name, secret_hash, group_id, role_id, created_date, revoked_date";
    private readonly StorageSession _session;

    internal ApiClientStore(StorageSession session) => _session = session;

    public async Task InsertAsync(StoredApiClient client, CancellationToken ct) =>
        await _session.ExecuteAsync(
            """
            INSERT INTO api_clients (id, company_id, name, secret_hash, group_id, role_id, created_date, revoked_date)
            VALUES (@Id, @CompanyId, @Name, @SecretHash, @GroupId, @RoleId, @CreatedDate, @RevokedDate)
            """, client, ct);

    /// <summary>The client of that id in any company: the token endpoint knows only the id.</summary>
    public async Task<StoredApiClient?> FindAsync(Guid clientId, CancellationToken ct) =>
        await _session.Connection.QuerySingleOrDefaultAsync<StoredApiClient>(_session.Command(
            $"SELECT {Columns} FROM api_clients WHERE id = @clientId", new { clientId }, ct));

    /// <summary>Every client, of one company or of all, oldest first.</summary>
    public async Task<List<StoredApiClient>> ListAsync(Guid? companyId, CancellationToken ct) =>
        (await _session.Connection.QueryAsync<StoredApiClient>(_session.Command(
            $"SELECT {Columns} FROM api_clients{(companyId is null ? "" : " WHERE company_id = @companyId")} ORDER BY created_date, id",
            new { companyId }, ct))).AsList();

    /// <summary>Marks the client revoked; false when there is no such client or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(Guid clientId, DateTimeOffset when, CancellationToken ct) =>
        await _session.ExecuteAsync(
            "UPDATE api_clients SET revoked_date = @when WHERE id = @clientId AND revoked_date IS NULL",
            new { clientId, when }, ct) == 1;

    /// <summary>
    /// Stores the secret hashed again at the current cost, provided the client still has the hash that was
    /// checked (so of two uses racing, one rehash lands and the other changes nothing).
    /// </summary>
    public async Task RehashSecretAsync(Guid clientId, string verifiedHash, string rehashedSecret, CancellationToken ct) =>
        await _session.ExecuteAsync(
            "UPDATE api_clients SET secret_hash = @rehashedSecret WHERE id = @clientId AND secret_hash = @verifiedHash",
            new { clientId, verifiedHash, rehashedSecret }, ct);

    /// <summary>The names of the active clients holding their role in the group.</summary>
    public async Task<List<string>> ActiveNamesInGroupAsync(Guid groupId, CancellationToken ct) =>
        (await _session.Connection.QueryAsync<string>(_session.Command(
            "SELECT name FROM api_clients WHERE group_id = @groupId AND revoked_date IS NULL ORDER BY name",
            new { groupId }, ct))).AsList();
}
