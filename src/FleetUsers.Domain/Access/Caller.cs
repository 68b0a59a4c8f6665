using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Access;

/// <summary>The authenticated user making a request, as read from the store on every request.</summary>
public sealed record Caller(Guid UserId, Guid CompanyId, IReadOnlyList<GroupRole> GroupRoles);
