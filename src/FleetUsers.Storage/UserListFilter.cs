namespace FleetUsers.Storage;

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
}
