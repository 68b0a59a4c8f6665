using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Ports;

/// <summary>The groups of companies' trees. Every write marks the company's tree changed, so cached trees are read again.</summary>
public interface IGroupStore
{
    /// <summary>Every group of the company: the tree reach, paths and levels are derived from.</summary>
    Task<GroupTree> LoadTreeAsync(Guid companyId, CancellationToken ct);

    /// <summary>Inserts a group; a sibling of the same name (any letter case) raises <see cref="UniqueViolationException"/>.</summary>
    Task InsertAsync(Group group, CancellationToken ct);

    /// <summary>Inserts groups of one company, parents before the groups below them.</summary>
    Task InsertManyAsync(IReadOnlyList<Group> groups, CancellationToken ct);

    /// <summary>Writes the group's name, description, parent, date and revision.</summary>
    Task UpdateAsync(Group group, CancellationToken ct);

    /// <summary>A new revision for groups whose derived fields (fullPath, fullPathId) changed with an ancestor.</summary>
    Task BumpRevisionsAsync(Guid companyId, IReadOnlyCollection<Guid> groupIds, DateTimeOffset now, CancellationToken ct);

    Task DeleteAsync(Guid companyId, Guid groupId, CancellationToken ct);

    /// <summary>
    /// The users and API clients holding a role in the group, counted, with up to <paramref name="sample"/>
    /// names of each; usernames only of users with a role in one of <paramref name="readableGroups"/> (null: any).
    /// </summary>
    Task<GroupMembers> MembersAsync(Guid groupId, int sample, IReadOnlyCollection<Guid>? readableGroups, CancellationToken ct);

    /// <summary>How many users hold a role in each of the company's groups that has any (the console's tree).</summary>
    Task<IReadOnlyDictionary<Guid, int>> UserCountsAsync(Guid companyId, CancellationToken ct);

    /// <summary>What SCIM keeps beside each of the company's groups that has it.</summary>
    Task<IReadOnlyDictionary<Guid, ScimGroupState>> ScimStatesAsync(Guid companyId, CancellationToken ct);

    /// <summary>What SCIM keeps beside one group; <see cref="ScimGroupState.None"/> when nothing yet.</summary>
    Task<ScimGroupState> ScimStateAsync(Guid companyId, Guid groupId, CancellationToken ct);

    /// <summary>Writes what SCIM keeps beside a group. Not a change of the tree: cached trees stay.</summary>
    Task SetScimStateAsync(Guid companyId, Guid groupId, ScimGroupState state, CancellationToken ct);
}

/// <summary>
/// What SCIM keeps beside a group: the identity provider's externalId, and a version (with its date) that
/// its member and externalId changes move, apart from the group's revision.
/// </summary>
public sealed record ScimGroupState(string? ExternalId, int Version, DateTimeOffset? UpdatedDate)
{
    public static readonly ScimGroupState None = new(null, 0, null);
}

/// <summary>Who holds roles in a group: how many users (and API clients), and the first few usernames (names).</summary>
public sealed record GroupMembers(int UserCount, IReadOnlyList<string> SomeUsernames, int ClientCount, IReadOnlyList<string> SomeClientNames);
