using FleetUsers.Application.Users;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Ports;

/// <summary>Users and their group roles. Reads skip the users of an import that has not committed; the uniqueness checks do not.</summary>
public interface IUserStore
{
    /// <summary>The user with its group roles; <paramref name="forUpdate"/> locks the row until commit.</summary>
    Task<UserAccount?> FindAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct);

    /// <summary>
    /// <see cref="FindAsync"/> and the company's group tree (as <see cref="IGroupStore.LoadTreeAsync"/>), read
    /// together: one round trip on an engine that batches statements (unless the tree must be read again).
    /// </summary>
    Task<(UserAccount? User, GroupTree Tree)> FindWithTreeAsync(Guid companyId, Guid userId, bool forUpdate, CancellationToken ct);

    Task<UserAccount?> FindByUsernameAsync(Guid companyId, string username, CancellationToken ct);

    Task<UserAccount?> FindByEmployeeIdAsync(Guid companyId, string employeeId, CancellationToken ct);

    /// <summary>Login looks a username up across every company: usernames are unique across all of them.</summary>
    Task<UserAccount?> FindForLoginAsync(string username, CancellationToken ct);

    /// <summary>Held by another user of the company, letter case ignored.</summary>
    Task<bool> IsEmployeeIdTakenAsync(Guid companyId, string employeeId, Guid exceptUserId, CancellationToken ct);

    /// <summary>Taken by anyone in any company, letter case ignored, other than the given user.</summary>
    Task<bool> IsUsernameTakenAsync(string username, Guid exceptUserId, CancellationToken ct);

    Task InsertAsync(UserAccount user, CancellationToken ct);

    /// <summary>One batch of an import: invisible to readers until <paramref name="importId"/> commits.</summary>
    Task InsertManyAsync(IReadOnlyList<UserAccount> users, Guid importId, CancellationToken ct);

    /// <summary>Which of the usernames someone in any company holds, as their keys (<see cref="Domain.Users.NameKeys"/>).</summary>
    Task<HashSet<string>> TakenUsernamesAsync(IEnumerable<string> usernames, CancellationToken ct);

    /// <summary>Which of the employee ids a user of the company holds, as their keys.</summary>
    Task<HashSet<string>> TakenEmployeeIdsAsync(Guid companyId, IEnumerable<string> employeeIds, CancellationToken ct);

    /// <summary>A new password hash and security stamp (an operator's reset); the version moves, so the ETag changes.</summary>
    Task SetPasswordAsync(Guid userId, string passwordHash, string securityStamp, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Writes the user's row (and, when they changed, its group roles) if its version is still the expected one;
    /// otherwise <see cref="VersionMovedException"/>, here or, on an engine that sends writes with the commit, there.
    /// </summary>
    Task UpdateAsync(UserAccount user, int expectedVersion, bool rolesChanged, CancellationToken ct);

    /// <summary>Removes the user and its group roles (its audit trail stays). False when there was no such user in the company.</summary>
    Task<bool> DeleteAsync(Guid companyId, Guid userId, CancellationToken ct);

    /// <summary>One page of the filtered users, in name order, and how many match in all.</summary>
    Task<(int Total, IReadOnlyList<UserAccount> Page)> ListAsync(UserListFilter filter, CancellationToken ct);

    /// <summary>One page, without counting them all (for callers that walk every page).</summary>
    Task<IReadOnlyList<UserAccount>> PageAsync(UserListFilter filter, CancellationToken ct);

    /// <summary>
    /// Records a login (and the password rehashed, if it was), provided the user still has the hash and the
    /// security stamp the login read; false when a reset or a revoking change landed meanwhile.
    /// </summary>
    Task<bool> RecordLoginAsync(Guid userId, DateTimeOffset when, string verifiedHash, string securityStamp, string? rehashedPassword,
        CancellationToken ct);
}

/// <summary>
/// Which users of one company a list returns. Group sets are already expanded (subgroups,
/// the caller's reach) by the caller of the store.
/// </summary>
public sealed record UserListFilter
{
    public required Guid CompanyId { get; init; }

    /// <summary>Only users with a role in one of these groups (and, with <see cref="RoleIds"/>, that role there).</summary>
    public IReadOnlyCollection<Guid>? InGroups { get; init; }

    public IReadOnlyCollection<int>? RoleIds { get; init; }

    /// <summary>Only users the caller may read: a role in one of these groups. Null: every user of the company.</summary>
    public IReadOnlyCollection<Guid>? ReadableGroups { get; init; }

    public IReadOnlyCollection<string>? Statuses { get; init; }

    public bool? LoginEnabled { get; init; }

    public string? SearchText { get; init; }

    public int Limit { get; init; } = 10_000;

    public int Offset { get; init; }

    public bool Descending { get; init; }

    /// <summary>A SCIM list: only users not SCIM-deleted, matching the conditions, ordered by id (creation order, stable while users change).</summary>
    public ScimUserCondition? Scim { get; init; }
}

/// <summary>
/// The SCIM filters the store answers with its indexes (each null: no condition): userName eq
/// (case ignored), externalId eq (case exact), emails.value eq (case ignored), meta.lastModified
/// gt/ge.
/// </summary>
public sealed record ScimUserCondition
{
    public string? Username { get; init; }
    public string? ExternalId { get; init; }
    public string? Email { get; init; }
    public DateTimeOffset? ModifiedAfter { get; init; }
    public bool ModifiedAfterInclusive { get; init; }
}
