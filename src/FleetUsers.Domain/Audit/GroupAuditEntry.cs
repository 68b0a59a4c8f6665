namespace FleetUsers.Domain.Audit;

/// <summary>What kind of change a group audit entry records (the vendor's action names).</summary>
public static class GroupAuditAction
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";
    public const string Delete = "DELETE";
    public const string Import = "IMPORT";
    public const string Move = "MOVE";

    public static IReadOnlyList<string> All { get; } = [Create, Update, Delete, Import, Move];
}

/// <summary>
/// One append-only entry of a company's group trail: the group as it was right after the change
/// (a deleted group as it was when deleted), who made the change and when. Written in the
/// change's own transaction, never updated or deleted.
/// </summary>
public sealed record GroupAuditEntry
{
    public required Guid Id { get; init; }
    public required Guid CompanyId { get; init; }
    public required Guid GroupId { get; init; }
    public required string Action { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required AuditActor Actor { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public Guid? ParentId { get; init; }
    public required Guid RootGroupId { get; init; }
    public required string FullPath { get; init; }
    public required string FullPathId { get; init; }
    public required int Revision { get; init; }
    public required DateTimeOffset CreatedDate { get; init; }
    public required DateTimeOffset UpdatedDate { get; init; }
    public DateTimeOffset? DeletedDate { get; init; }
}
