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

    public bool IsActive => RevokedDate is null;
}
