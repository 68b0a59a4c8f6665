using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Users;

public sealed record NamedGroupRole(Guid GroupId, string GroupName, int RoleId);

/// <summary>
/// A user as callers see it: its profile, what the service sets (never the password hash), and
/// what is derived from the group tree: group names, and the primary group.
/// </summary>
public sealed record UserDetails(
    Guid Id,
    UserProfile Profile,
    bool AllowSafetyEventDownload,
    DateTimeOffset CreatedDate,
    DateTimeOffset UpdatedDate,
    DateTimeOffset? LastLoginDate,
    int Version,
    IReadOnlyList<NamedGroupRole> GroupRoles,
    Guid? PrimaryGroupId)
{
    /// <summary>The identity provider's id (SCIM externalId).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Deleted through SCIM: SCIM answers 404 for it.</summary>
    public bool ScimRemoved { get; init; }

    public static UserDetails From(UserAccount user, GroupTree tree)
    {
        var roles = user.GroupRoles
            .Select(r => (Role: r, Group: tree.Find(r.GroupId)))
            .OrderBy(x => x.Group is null ? int.MaxValue : tree.Level(x.Group.Id))
            .ThenBy(x => x.Group?.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(x => x.Role.GroupId)
            .ThenBy(x => x.Role.RoleId)
            .Select(x => new NamedGroupRole(x.Role.GroupId, x.Group?.Name ?? "", x.Role.RoleId))
            .ToList();
        return new UserDetails(user.Id, user.Profile, user.AllowSafetyEventDownload, user.CreatedDate, user.UpdatedDate,
            user.LastLoginDate, user.Version, roles, PrimaryGroup.Resolve(user.Profile.PrimaryGroupId, user.GroupRoles, tree))
        {
            ExternalId = user.ExternalId,
            ScimRemoved = user.ScimRemoved,
        };
    }
}

/// <summary>One page of a user list and the number of users matching in all.</summary>
public sealed record UserPage(IReadOnlyList<UserDetails> Users, int Total, int Limit, int Offset);
