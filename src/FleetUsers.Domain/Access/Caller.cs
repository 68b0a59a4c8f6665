using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Access;

/// <summary>The authenticated user making a request, as read from the store on every request.</summary>
public sealed record Caller(Guid UserId, Guid CompanyId, IReadOnlyList<GroupRole> GroupRoles)
{
    public string Username { get; init; } = "";

    /// <summary>How the audit trail names this caller.</summary>
    public AuditActor Actor => AuditActor.User(UserId, Username);
}
