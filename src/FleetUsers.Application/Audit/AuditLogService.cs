using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;

namespace FleetUsers.Application.Audit;

/// <summary>One page of a user's trail, and the user as it is now (read in the same snapshot, for a page that names it).</summary>
public sealed record AuditPage(UserDetails User, IReadOnlyList<AuditEntry> Entries, int Total, int Limit, int Offset);

/// <summary>Reading a user's audit trail: whoever may read the user may read its trail (the same 404 and 403 as reading it).</summary>
public sealed class AuditLogService(IDatabase database)
{
    public async Task<AuditPage> ListAsync(Caller caller, Guid userId, int limit, int offset, CancellationToken ct)
    {
        await using var session = await database.BeginSnapshotAsync(ct);
        var user = await session.Users.FindAsync(caller.CompanyId, userId, forUpdate: false, ct)
            ?? throw new NotFoundException($"No user with userId {userId}");
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        if (!Reach.Of(caller, tree).CanReadUser(user.GroupRoles))
        {
            throw new ForbiddenException();
        }
        var (total, entries) = await session.Audit.ListAsync(caller.CompanyId, userId, limit, offset, ct);
        return new AuditPage(UserDetails.From(user, tree), entries, total, limit, offset);
    }
}
