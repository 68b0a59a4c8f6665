using System.Text.Json.Nodes;

namespace FleetUsers.Domain.Audit;

/// <summary>Who made a change: a user, an API client, or an operator at the command line.</summary>
public sealed record AuditActor(string Type, string Id, string Name)
{
    public const string UserType = "user";
    public const string ClientType = "client";
    public const string OperatorType = "operator";

    public static AuditActor User(Guid userId, string username) => new(UserType, userId.ToString(), username);

    /// <summary>The command line, as the operating-system account that ran it.</summary>
    public static AuditActor Operator(string account) => new(OperatorType, account, $"command line ({account})");
}

/// <summary>What kind of request made the change.</summary>
public static class AuditAction
{
    public const string Create = "create";
    public const string Update = "update";
    public const string PatchGroupRoles = "patchGroupRoles";
    public const string ResetPassword = "resetPassword";
    public const string Import = "import";
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
