namespace FleetUsers.Application.Companies;

/// <summary>A company (tenant).</summary>
public sealed record Company(Guid Id, string Name, DateTimeOffset CreatedDate);

/// <summary>A company with its size, as an operator lists it.</summary>
public sealed record CompanySummary(Guid Id, string Name, DateTimeOffset CreatedDate, int UserCount, int GroupCount);
