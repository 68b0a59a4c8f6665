using System.Text.Json.Nodes;
using FleetUsers.Domain.Audit;

namespace FleetUsers.Application.Changes;

/// <summary>What a subject of a change event is: a user, a group, an API client or a webhook.</summary>
public static class SubjectKinds
{
    public const string User = "user";
    public const string Group = "group";
    public const string Client = "client";
    public const string Webhook = "webhook";
}

/// <summary>
/// One change, as those who follow the company's changes read it (the feed, webhooks): written by
/// <see cref="ChangeRecorder"/> in the change's own transaction. <see cref="Data"/> holds the subject as
/// it is after the change, never a password hash or a secret.
/// </summary>
public sealed record ChangeEvent(Guid Id, string Type, DateTimeOffset OccurredAt, Guid CompanyId, string SubjectKind, Guid SubjectId,
    AuditActor Actor, JsonObject Data)
{
    /// <summary>A new event: its id a UUIDv7 of its time, so ids sort by time.</summary>
    public static ChangeEvent Of(string type, DateTimeOffset occurredAt, Guid companyId, string subjectKind, Guid subjectId,
        AuditActor actor, JsonObject data) =>
        new(Guid.CreateVersion7(occurredAt), type, occurredAt, companyId, subjectKind, subjectId, actor, data);

    /// <summary>The event as consumers read it.</summary>
    public JsonObject ToJson() => new()
    {
        ["id"] = Id.ToString(),
        ["type"] = Type,
        ["occurredAt"] = OccurredAt.ToUniversalTime(),
        ["companyId"] = CompanyId.ToString(),
        ["subject"] = new JsonObject { ["kind"] = SubjectKind, ["id"] = SubjectId.ToString() },
        ["actor"] = new JsonObject { ["kind"] = Actor.Type, ["id"] = Actor.Id, ["name"] = Actor.Name },
        ["data"] = Data.DeepClone(),
    };
}
