using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Storage;

namespace FleetUsers.Application.Audit;

/// <summary>Writes the audit entry of a change into the change's own session, so both commit together or neither does.</summary>
public static class AuditTrail
{
    public static AuditedUser Audited(StoredUser user) => new(
        user.FirstName, user.LastName, user.Username, user.EmployeeId, user.Email, user.CellPhoneCountry,
        user.CellPhoneNumber, user.Status, user.LoginEnabled, user.AllowVideoSearchDownload,
        [.. user.GroupRoles], user.PrimaryGroupId);

    /// <summary>Appends the entry for <paramref name="after"/>, as changed by the caller from <paramref name="before"/> (null: created).</summary>
    public static Task AppendAsync(StorageSession session, Caller caller, string action, AuditedUser? before, StoredUser after,
        bool passwordChanged, CancellationToken ct) =>
        AppendAsync(session, caller.Actor, action, before, after, passwordChanged, ct);

    public static Task AppendAsync(StorageSession session, AuditActor actor, string action, AuditedUser? before, StoredUser after,
        bool passwordChanged, CancellationToken ct) =>
        session.Audit.AppendAsync(Entry(actor, action, before, after, passwordChanged), ct);

    /// <summary>The entry for <paramref name="after"/>, for callers that write many at once (an import).</summary>
    public static AuditEntry Entry(AuditActor actor, string action, AuditedUser? before, StoredUser after, bool passwordChanged)
    {
        var changes = UserChanges.Between(before, Audited(after), passwordChanged);
        return new AuditEntry(Guid.CreateVersion7(after.UpdatedDate), after.CompanyId, after.Id, after.UpdatedDate, actor, action, changes);
    }

    /// <summary>The command line's operator: the operating-system account that ran it.</summary>
    public static AuditActor Operator => AuditActor.Operator(Environment.UserName);
}
