using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Access;

/// <summary>What kind of caller makes a request: a person who logged in, or an integration's API client.</summary>
public enum ActorKind
{
    User,
    Client,
}

/// <summary>
/// The authenticated caller of a request, as read from the store on every request: a user,
/// or an API client (a caller that is not a user). Both reach the tree the same way, through
/// their group roles. <see cref="ActorKind"/>, <see cref="ActorId"/> and <see cref="ActorName"/>
/// say who it was, for whatever records the change (the audit trail's actor).
/// </summary>
public sealed record Caller(ActorKind ActorKind, Guid ActorId, string ActorName, Guid CompanyId, IReadOnlyList<GroupRole> GroupRoles)
{
    public static Caller User(Guid userId, string username, Guid companyId, IReadOnlyList<GroupRole> groupRoles) =>
        new(ActorKind.User, userId, username, companyId, groupRoles);

    public static Caller Client(Guid clientId, string clientName, Guid companyId, IReadOnlyList<GroupRole> groupRoles) =>
        new(ActorKind.Client, clientId, clientName, companyId, groupRoles);

    /// <summary>The kind as stored text: <c>user</c> or <c>client</c>.</summary>
    public string ActorType => ActorKind == ActorKind.User ? "user" : "client";

    /// <summary>The user's id when the caller is a user; null for an API client.</summary>
    public Guid? UserId => ActorKind == ActorKind.User ? ActorId : null;

    /// <summary>How the audit trail names this caller.</summary>
    public AuditActor Actor => new(ActorType, ActorId.ToString(), ActorName);
}
