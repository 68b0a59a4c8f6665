using FleetUsers.Application.Ports;

namespace FleetUsers.Application.Users;

/// <summary>What the identifier of GET /v1/users/{userIdentifier} is.</summary>
public enum UserLookup
{
    UserId,
    Username,
    EmployeeId,
}

/// <summary>The list query after its parameters were read; group ids are checked against the tree here.</summary>
public sealed record UserListQuery
{
    /// <summary>The largest page a list answers (the contract's default limit too).</summary>
    public const int MaxLimit = 10_000;

    public const int MaxSearchTextLength = 100;

    /// <summary>Why a search text is refused (too long, or with control characters), or null when it is fine.</summary>
    public static string? SearchTextProblem(string? searchText) =>
        searchText is not null && (searchText.Length > MaxSearchTextLength || searchText.Any(char.IsControl))
            ? $"searchText must be at most {MaxSearchTextLength} characters, without control characters"
            : null;

    public IReadOnlyList<Guid> GroupIds { get; init; } = [];
    public bool IncludeSubGroups { get; init; }
    public IReadOnlyList<int> RoleIds { get; init; } = [];
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public bool? LoginEnabled { get; init; }
    public string? SearchText { get; init; }
    public int Limit { get; init; } = MaxLimit;
    public int Offset { get; init; }
    public bool Descending { get; init; }

    /// <summary>A SCIM list's conditions (only provisioned users, in creation order); null for the REST API.</summary>
    public ScimUserCondition? Scim { get; init; }
}
