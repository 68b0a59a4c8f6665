using FleetUsers.Domain.Access;
using FleetUsers.Domain.Users;
using FleetUsers.Storage;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Looks the bearer of a token up on every request, so a user disabled or removed after
/// the token was issued is refused from the next request on.
/// </summary>
public sealed class CallerDirectory(Database database)
{
    public async Task<Caller?> FindActiveAsync(Guid companyId, Guid userId, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var user = await session.Users.FindAsync(companyId, userId, forUpdate: false, ct);
        return user is { LoginEnabled: true, Status: UserStatus.Active }
            ? new Caller(user.Id, user.CompanyId, user.GroupRoles) { Username = user.Username }
            : null;
    }
}
