using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Users;

/// <summary>GET /v1/users/{identifier}: by user id, username or employee id; 404 outside the company, 403 outside the caller's reach.</summary>
public sealed class GetUser(IDatabase database)
{
    public async Task<UserDetails> ExecuteAsync(Caller caller, string identifier, UserLookup lookup, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var user = lookup switch
        {
            UserLookup.UserId => Guid.TryParse(identifier, out var id)
                ? await session.Users.FindAsync(caller.CompanyId, id, forUpdate: false, ct)
                : throw new ValidationFailedException(["userIdentifier must be a UUID when searchBy is UserId"]),
            UserLookup.Username => await session.Users.FindByUsernameAsync(caller.CompanyId, identifier, ct),
            _ => await session.Users.FindByEmployeeIdAsync(caller.CompanyId, identifier, ct),
        } ?? throw new NotFoundException($"No user with {Describe(lookup)} {identifier}");
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        if (!Reach.Of(caller, tree).CanReadUser(user.GroupRoles))
        {
            throw new ForbiddenException();
        }
        return UserDetails.From(user, tree);
    }

    private static string Describe(UserLookup lookup) => lookup switch
    {
        UserLookup.UserId => "userId",
        UserLookup.Username => "username",
        _ => "employeeId",
    };
}
