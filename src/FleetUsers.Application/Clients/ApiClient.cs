namespace FleetUsers.Application.Clients;

/// <summary>An API client of an integration: one role in one group of its company, and the hash of its secret.</summary>
public sealed class ApiClient
{
    public required Guid Id { get; init; }
    public required Guid CompanyId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public required Guid GroupId { get; init; }
    public required int RoleId { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public DateTimeOffset? RevokedDate { get; init; }

    /// <summary>A SCIM client's: the role its new users and group members receive in <see cref="GroupId"/>; null for other clients.</summary>
    public int? ScimRoleId { get; init; }

    /// <summary>A SCIM client's: SHA-256 (hex) of its long-lived bearer token.</summary>
    public string? ScimTokenHash { get; init; }

    public bool IsActive => RevokedDate is null;
}
