using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Clients;

/// <summary>
/// The API clients of the caller's company, as an administrator at its root manages them (the console's
/// Integrations): a client acts company-wide through its role, so nobody with less reach lists, creates or
/// revokes one, and another company's clients do not exist for the caller. The operator's command line
/// uses <see cref="ApiClientService"/> directly.
/// </summary>
public sealed class CompanyClients(IDatabase database, ApiClientService clients)
{
    public async Task<IReadOnlyList<ApiClientDetails>> ListAsync(Caller caller, CancellationToken ct)
    {
        await RequireWholeCompanyAsync(caller, ct);
        return await clients.ListAsync(caller.CompanyId, ct);
    }

    /// <inheritdoc cref="ApiClientService.CreateAsync"/>
    public async Task<CreatedApiClient> CreateAsync(Caller caller, string name, Guid groupId, int roleId, int? scimRoleId, CancellationToken ct)
    {
        await RequireWholeCompanyAsync(caller, ct);
        return await clients.CreateAsync(caller.CompanyId, name, groupId, roleId, ct, scimRoleId);
    }

    /// <summary>Revokes one of the company's clients, recorded as the caller's act. False when the company has no such active client.</summary>
    public async Task<bool> RevokeAsync(Caller caller, Guid clientId, CancellationToken ct)
    {
        await RequireWholeCompanyAsync(caller, ct);
        return await clients.RevokeAsync(clientId, ct, caller.Actor, caller.CompanyId);
    }

    private async Task RequireWholeCompanyAsync(Caller caller, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        if (!Reach.Of(caller, tree).ManagesWholeCompany)
        {
            throw new ForbiddenException();
        }
    }
}
