namespace FleetUsers.Storage;

/// <summary>What a group trail is ordered by; ties are broken by the order the entries were written.</summary>
public enum GroupAuditSort
{
    UpdatedDate,
    CreatedDate,
}

/// <summary>Which entries of one company's group trail a list returns, in a time window.</summary>
public sealed record GroupAuditFilter
{
    public required Guid CompanyId { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Only entries about these groups; null: about any group of the company.</summary>
    public IReadOnlyCollection<Guid>? GroupIds { get; init; }

    /// <summary>Only changes made by this actor (a user's or API client's id).</summary>
    public Guid? ActorId { get; init; }

    public string? Action { get; init; }

    public GroupAuditSort Sort { get; init; } = GroupAuditSort.UpdatedDate;

    public bool Descending { get; init; } = true;

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}
