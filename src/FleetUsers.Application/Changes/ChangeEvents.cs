using System.Text.Json.Nodes;
using FleetUsers.Application.Clients;
using FleetUsers.Application.Users;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;

namespace FleetUsers.Application.Changes;

/// <summary>
/// The event each change makes: its type, and the subject as it is after the change. A user's data
/// is read through the field table (<see cref="UserFields"/>), as the audit trail reads it, so a new
/// field shows up here without another line; the password hash and security stamp are never in it.
/// </summary>
public static class ChangeEvents
{
    /// <summary>A user created (<paramref name="changes"/> from nothing) or changed by <paramref name="actor"/>.</summary>
    public static ChangeEvent User(AuditActor actor, string action, UserAccount after, IReadOnlyList<FieldChange> changes)
    {
        var type = UserType(action, changes);
        var data = new JsonObject
        {
            ["user"] = UserData(after),
            ["changedFields"] = new JsonArray(changes.Select(c => (JsonNode)c.Field).ToArray()),
        };
        return ChangeEvent.Of(type, after.UpdatedDate, after.CompanyId, SubjectKinds.User, after.Id, actor, data);
    }

    /// <summary>
    /// One type per change: a change of status is a deactivation or reactivation (whatever else it
    /// changed, changedFields tells), a change of group roles alone (with the primary group it derives)
    /// is user.groupRoles.changed, anything else user.updated.
    /// </summary>
    private static string UserType(string action, IReadOnlyList<FieldChange> changes)
    {
        if (action is AuditAction.Create or AuditAction.Import)
        {
            return EventTypes.UserCreated;
        }
        if (changes.FirstOrDefault(c => c.Field == UserFields.Status.Name) is { } status)
        {
            return status.NewValue?.GetValue<string>() == UserStatus.Inactive ? EventTypes.UserDeactivated : EventTypes.UserReactivated;
        }
        var rolesOnly = changes.Count > 0
            && changes.All(c => c.Field == UserFields.GroupRoles.Name || c.Field == UserFields.PrimaryGroupId.Name)
            && changes.Any(c => c.Field == UserFields.GroupRoles.Name);
        return rolesOnly || action == AuditAction.PatchGroupRoles ? EventTypes.UserGroupRolesChanged : EventTypes.UserUpdated;
    }

    private static JsonObject UserData(UserAccount user)
    {
        var data = new JsonObject { ["userId"] = user.Id.ToString() };
        foreach (var field in UserFields.All)
        {
            data[field.Name] = field.AuditValue(user.Profile);
        }
        data["allowSafetyEventDownload"] = user.AllowSafetyEventDownload;
        data["createdDate"] = user.CreatedDate.ToUniversalTime();
        data["updatedDate"] = user.UpdatedDate.ToUniversalTime();
        return data;
    }

    /// <summary>A group as its trail entry holds it after the change (a deleted one as it was, with its deletion date).</summary>
    public static ChangeEvent Group(GroupAuditEntry entry)
    {
        var type = entry.Action switch
        {
            GroupAuditAction.Create or GroupAuditAction.Import => EventTypes.GroupCreated,
            GroupAuditAction.Move => EventTypes.GroupMoved,
            GroupAuditAction.Delete => EventTypes.GroupDeleted,
            _ => EventTypes.GroupUpdated,
        };
        var group = new JsonObject
        {
            ["groupId"] = entry.GroupId.ToString(),
            ["name"] = entry.Name,
            ["description"] = entry.Description,
            ["parentId"] = entry.ParentId?.ToString(),
            ["rootGroupId"] = entry.RootGroupId.ToString(),
            ["fullPath"] = entry.FullPath,
            ["fullPathId"] = entry.FullPathId,
            ["revision"] = entry.Revision,
            ["createdDate"] = entry.CreatedDate.ToUniversalTime(),
            ["updatedDate"] = entry.UpdatedDate.ToUniversalTime(),
            ["deletedDate"] = entry.DeletedDate?.ToUniversalTime(),
        };
        return ChangeEvent.Of(type, entry.OccurredAt, entry.CompanyId, SubjectKinds.Group, entry.GroupId, entry.Actor,
            new JsonObject { ["group"] = group });
    }

    /// <summary>An API client revoked: who it was and where it acted (never its secret's hash).</summary>
    public static ChangeEvent ClientRevoked(AuditActor actor, ApiClient client, DateTimeOffset when)
    {
        var data = new JsonObject
        {
            ["clientId"] = client.Id.ToString(),
            ["name"] = client.Name,
            ["groupId"] = client.GroupId.ToString(),
            ["roleId"] = client.RoleId,
            ["createdDate"] = client.CreatedDate.ToUniversalTime(),
            ["revokedDate"] = (client.RevokedDate ?? when).ToUniversalTime(),
        };
        return ChangeEvent.Of(EventTypes.ClientRevoked, when, client.CompanyId, SubjectKinds.Client, client.Id, actor,
            new JsonObject { ["client"] = data });
    }

    /// <summary>The service itself, as the actor of what its delivery worker does.</summary>
    public static AuditActor DeliveryWorker { get; } = new("system", "webhook-delivery", "webhook delivery");

    /// <summary>A webhook the delivery worker disabled because it kept failing (or answered 410 Gone).</summary>
    public static ChangeEvent WebhookDisabled(Guid companyId, Guid webhookId, string url, string reason, DateTimeOffset when) =>
        ChangeEvent.Of(EventTypes.WebhookDisabled, when, companyId, SubjectKinds.Webhook, webhookId, DeliveryWorker,
            new JsonObject { ["webhook"] = new JsonObject { ["webhookId"] = webhookId.ToString(), ["url"] = url, ["enabled"] = false, ["reason"] = reason } });
}
