using System.Text.Json.Nodes;

namespace FleetUsers.Domain.Audit;

/// <summary>Who made a change: a user today; an API client (a caller that is not a user) can be named the same way.</summary>
public sealed record AuditActor(string Type, string Id, string Name)
{
    public const string UserType = "user";
    public const string ClientType = "client";

    public static AuditActor User(Guid userId, string username) => new(UserType, userId.ToString(), username);
}

/// <summary>What kind of request made the change.</summary>
public static class AuditAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string PatchGroupRoles = "patchGroupRoles";
}

/// <summary>One field a change touched, with its value before and after (JSON: text, true/false, null or a list).</summary>
public sealed record FieldChange(string Field, JsonNode? OldValue, JsonNode? NewValue);

/// <summary>
/// One append-only entry of a user's audit trail: written in the same transaction as the
/// change it describes, never updated or deleted.
/// </summary>
public sealed record AuditEntry(
    Guid Id,
    Guid CompanyId,
    Guid UserId,
    DateTimeOffset OccurredAt,
    AuditActor Actor,
    string Action,
    IReadOnlyList<FieldChange> Changes);
