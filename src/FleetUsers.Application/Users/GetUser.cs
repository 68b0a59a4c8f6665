using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Users;

/// <summary>GET /v1/users/{identifier}: by user id, username or employee id; 404 outside the company, 403 outside the caller's reach.</summary>
public sealed class GetUser(IDatabase database)
{
    public async Task<UserDetails> ExecuteAsync(Caller caller, string identifier, UserLookup lookup, CancellationToken ct)
    {
        await using var session = await database.BeginAsync(write: false, ct);
        var (user, tree) = await FindAsync(session, caller, identifier, lookup, ct);
        if (user is null || tree is null)
        {
            throw new NotFoundException($"No user with {Describe(lookup)} {identifier}");
        }
        if (!Reach.Of(caller, tree).CanReadUser(user.GroupRoles))
        {
            throw new ForbiddenException();
        }
        return UserDetails.From(user, tree);
    }

    /// <summary>The user and its company's tree; by id (the common case) read together.</summary>
    private static async Task<(UserAccount? User, GroupTree? Tree)> FindAsync(IStorageSession session, Caller caller, string identifier,
        UserLookup lookup, CancellationToken ct)
    {
        if (lookup == UserLookup.UserId)
        {
            return Guid.TryParse(identifier, out var id)
                ? await session.Users.FindWithTreeAsync(caller.CompanyId, id, forUpdate: false, ct)
                : throw new ValidationFailedException(["userIdentifier must be a UUID when searchBy is UserId"]);
        }
        var user = lookup == UserLookup.Username
            ? await session.Users.FindByUsernameAsync(caller.CompanyId, identifier, ct)
            : await session.Users.FindByEmployeeIdAsync(caller.CompanyId, identifier, ct);
        return (user, user is null ? null : await session.Groups.LoadTreeAsync(caller.CompanyId, ct));
    }

    private static string Describe(UserLookup lookup) => lookup switch
    {
        UserLookup.UserId => "userId",
        UserLookup.Username => "username",
        _ => "employeeId",
    };
}
