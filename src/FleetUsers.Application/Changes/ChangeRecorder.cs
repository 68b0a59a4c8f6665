using FleetUsers.Application.Clients;
using FleetUsers.Application.Ports;
using FleetUsers.Application.Users;
using FleetUsers.Application.Webhooks;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Changes;

/// <summary>
/// The one place every write of a user or a group records what it changed, in the write's own
/// session: whatever fails afterwards takes the record back with the rest of the transaction, and a
/// change whose record cannot be written does not happen. The record is the audit entry and the
/// change event (the outbox the feed reads); API, command line, imports and SCIM alike write through
/// here. The events of an API client revoked
/// and of a webhook the delivery worker disabled are written here too.
/// </summary>
public sealed class ChangeRecorder
{
    /// <summary>The command line's operator: the operating-system account that ran it.</summary>
    public static AuditActor Operator => AuditActor.Operator(Environment.UserName);

    /// <summary>The user as changed by <paramref name="actor"/> from <paramref name="before"/> (null: created): its audit entry and its event.</summary>
    public async Task UserChangedAsync(IStorageSession session, AuditActor actor, string action, UserProfile? before, UserAccount after,
        bool passwordChanged, CancellationToken ct)
    {
        var entry = Entry(actor, action, before, after, passwordChanged);
        await session.Audit.AppendAsync(entry, ct);
        if (before is null || entry.Changes.Count > 0)
        {
            // A write that changed no field (a PUT sending what is stored) tells consumers nothing: no event.
            await session.Events.AppendAsync(ChangeEvents.User(actor, action, after, entry.Changes), ct);
        }
    }

    /// <summary>
    /// The users of one batch of an import, each created by <paramref name="actor"/> (the operator, or a
    /// person in the console), marked with the import: their audit entries, and their events staged
    /// until the import's final write releases them (<see cref="ImportCommittedAsync"/>). Writing the
    /// events themselves in that write would make it long (see README, Change events).
    /// </summary>
    public async Task UsersImportedAsync(IStorageSession session, AuditActor actor, IReadOnlyList<UserAccount> users, Guid importId,
        CancellationToken ct)
    {
        var entries = users.Select(u => Entry(actor, AuditAction.Import, null, u, passwordChanged: false)).ToList();
        await session.Audit.AppendManyAsync(entries, importId, ct);
        await session.Events.StageAsync(importId, users.Select((u, i) => ChangeEvents.User(actor, AuditAction.Import, u, entries[i].Changes)).ToList(), ct);
    }

    /// <summary>In the import's final write (the one that shows its users): their events, into the feed with one statement.</summary>
    public Task<int> ImportCommittedAsync(IStorageSession session, Guid importId, CancellationToken ct) =>
        session.Events.ReleaseStagedAsync(importId, ct);

    /// <summary>The group as it is after the change, placed in <paramref name="tree"/> (the tree after the change).</summary>
    public Task GroupChangedAsync(IStorageSession session, Caller caller, string action, Group group, GroupTree tree, CancellationToken ct) =>
        GroupsChangedAsync(session, [GroupEntries.Of(caller, action, group, tree)], ct);

    /// <summary>A group removed at <paramref name="when"/>: as it was, placed where it was.</summary>
    public Task GroupDeletedAsync(IStorageSession session, Caller caller, Group group, GroupTree tree, DateTimeOffset when, CancellationToken ct) =>
        GroupsChangedAsync(session, [GroupEntries.Deleted(caller, group, tree, when)], ct);

    /// <summary>Groups changed (one, or those an import creates), each with its trail entry and its event.</summary>
    public async Task GroupsChangedAsync(IStorageSession session, IReadOnlyList<GroupAuditEntry> entries, CancellationToken ct)
    {
        await session.GroupAudit.AppendManyAsync(entries, ct);
        await session.Events.AppendManyAsync(entries.Select(ChangeEvents.Group).ToList(), ct);
    }

    /// <summary>An API client revoked by <paramref name="actor"/> (the operator, or an administrator in the console) at <paramref name="when"/>.</summary>
    public Task ClientRevokedAsync(IStorageSession session, AuditActor actor, ApiClient client, DateTimeOffset when, CancellationToken ct) =>
        session.Events.AppendAsync(ChangeEvents.ClientRevoked(actor, client, when), ct);

    /// <summary>A webhook the delivery worker disabled at <paramref name="when"/>, and why.</summary>
    public Task WebhookDisabledAsync(IStorageSession session, ClaimedWebhook webhook, string reason, DateTimeOffset when, CancellationToken ct) =>
        session.Events.AppendAsync(ChangeEvents.WebhookDisabled(webhook.CompanyId, webhook.Id, webhook.Url, reason, when), ct);

    private static AuditEntry Entry(AuditActor actor, string action, UserProfile? before, UserAccount after, bool passwordChanged) =>
        new(Guid.CreateVersion7(after.UpdatedDate), after.CompanyId, after.Id, after.UpdatedDate, actor, action,
            [.. UserChanges.Between(before, after.Profile, passwordChanged),
                .. UserChanges.ExternalId(before is null ? null : after.StoredExternalId, after.ExternalId)]);
}
