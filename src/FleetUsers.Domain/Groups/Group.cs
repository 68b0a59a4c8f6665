namespace FleetUsers.Domain.Groups;

/// <summary>A group of a company's tree. The root has no parent.</summary>
public sealed record Group(
    Guid Id,
    Guid CompanyId,
    Guid? ParentId,
    string Name,
    string? Description,
    DateTimeOffset CreatedDate,
    DateTimeOffset UpdatedDate,
    int Revision);
