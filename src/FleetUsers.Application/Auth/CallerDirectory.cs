using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Looks the bearer of a token up on every request, so a user disabled or removed, or an
/// API client revoked, or a user whose password changed, after the token was issued is refused
/// from the next request on.
/// </summary>
public sealed class CallerDirectory(IDatabase database)
{
    /// <summary>
    /// The user, when it may still log in and <paramref name="securityStamp"/> (the token's) is still its
    /// own: a password change, a reset or disabling the user gives it a new one. Read in the same statement
    /// as the user, so this costs no second query.
    /// </summary>
    public async Task<Caller?> FindActiveAsync(Guid companyId, Guid userId, string securityStamp, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var user = await session.Users.FindAsync(companyId, userId, forUpdate: false, ct);
        return user is { CanLogIn: true } && user.SecurityStamp == securityStamp
            ? Caller.User(user.Id, user.Username, user.CompanyId, user.GroupRoles)
            : null;
    }

    public async Task<Caller?> FindActiveClientAsync(Guid companyId, Guid clientId, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var client = await session.Clients.FindAsync(clientId, ct);
        return client is { IsActive: true } && client.CompanyId == companyId
            ? Caller.Client(client.Id, client.Name, client.CompanyId, [new GroupRole(client.GroupId, client.RoleId)])
            : null;
    }
}
