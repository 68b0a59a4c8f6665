using FleetUsers.Application.Ports;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

/// <summary>
/// The user a change is about, loaded with the checks every change of a user makes first, and the
/// checks that follow the rules: 404 (no such user in the caller's company) → 403 (the caller does
/// not manage all its current groups) → ... → 403 (the new groups, or a role the caller would give
/// itself) → 412 (If-Match).
/// </summary>
public sealed record UserForChange(UserAccount User, GroupTree Tree, Reach Reach)
{
    /// <summary>The user to change (locked until commit when <paramref name="forUpdate"/>); 404 outside the company, 403 unless the caller manages all its groups.</summary>
    public static async Task<UserForChange> LoadAsync(IStorageSession session, Caller caller, Guid userId, bool forUpdate, CancellationToken ct)
    {
        var (user, tree) = await session.Users.FindWithTreeAsync(caller.CompanyId, userId, forUpdate, ct);
        return Of(user ?? throw new NotFoundException($"No user with userId {userId}"), tree, Reach.Of(caller, tree));
    }

    /// <summary>A user already loaded, with the tree and reach the caller's change has read; 403 unless the caller manages all its groups.</summary>
    public static UserForChange Of(UserAccount user, GroupTree tree, Reach reach) =>
        reach.CanManageAll(user.GroupRoles.Select(r => r.GroupId)) ? new UserForChange(user, tree, reach) : throw new ForbiddenException();

    /// <summary>The rules, with what the store knows (its groups, whether a password is stored): 400 naming every problem.</summary>
    public static ValidUser Validate(UserDraft draft, GroupTree tree, bool hasStoredPassword)
    {
        var (valid, problems) = UserRules.Check(draft, new UserRuleContext(tree, hasStoredPassword));
        return valid ?? throw new ValidationFailedException(problems);
    }

    /// <summary>A caller can never give a user a role, or a primary group, outside its own reach: 403.</summary>
    public static void RequireManagerOf(Reach reach, UserProfile profile)
    {
        if (!reach.CanManageAll(PrimaryGroup.GroupsOf(profile)))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>
    /// A caller changing its own roles gains no role over a group where it did not already hold that
    /// role (or hold it above): an Administrator cannot make itself Group Manager, nor Coach elsewhere.
    /// </summary>
    public void RequireNoSelfPromotion(Caller caller, IEnumerable<GroupRole> roles)
    {
        if (caller.UserId == User.Id && ReachGrowth.ByRoles(Tree, User.GroupRoles, roles))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>412 unless If-Match (when sent) names the user's current version.</summary>
    public void RequireVersion(IReadOnlyCollection<int>? ifMatch)
    {
        if (ifMatch is not null && !ifMatch.Contains(User.Version))
        {
            throw new PreconditionFailedException("If-Match does not match the user's current version");
        }
    }
}
