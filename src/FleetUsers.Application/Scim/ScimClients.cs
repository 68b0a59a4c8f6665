using FleetUsers.Application.Clients;
using FleetUsers.Application.Ports;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Application.Scim;

/// <summary>
/// A SCIM client as a caller: Administrator and Group Manager of its group's subtree (it sees and
/// changes nothing outside it), and the role its new users and group members receive there.
/// </summary>
public sealed record ScimClient(Caller Caller, Guid GroupId, int MemberRoleId);

/// <summary>Finds the active SCIM client a request's bearer token belongs to, on every request (a revoked one is refused at once).</summary>
public sealed class ScimClients(IDatabase database)
{
    /// <summary>The client of a long-lived token (<see cref="ScimTokens"/>); null when the token is not an active SCIM client's.</summary>
    public async Task<ScimClient?> FindByTokenAsync(string token, CancellationToken ct)
    {
        if (ScimTokens.Parse(token) is not { } parsed) return null;
        var client = await FindClientAsync(parsed.ClientId, ct);
        return client is not null && ScimTokens.Matches(parsed.Secret, client.ScimTokenHash) ? Of(client) : null;
    }

    /// <summary>The client of an OAuth access token (its company and client id); null unless an active SCIM client of that company.</summary>
    public async Task<ScimClient?> FindAsync(Guid companyId, Guid clientId, CancellationToken ct) =>
        await FindClientAsync(clientId, ct) is { } client && client.CompanyId == companyId ? Of(client) : null;

    private async Task<ApiClient?> FindClientAsync(Guid clientId, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var client = await session.Clients.FindAsync(clientId, ct);
        return client is { IsActive: true, ScimRoleId: not null } ? client : null;
    }

    private static ScimClient Of(ApiClient client) => new(
        Caller.Client(client.Id, client.Name, client.CompanyId,
            [new GroupRole(client.GroupId, RoleCatalog.Administrator), new GroupRole(client.GroupId, RoleCatalog.GroupManager)]),
        client.GroupId, client.ScimRoleId!.Value);
}
