namespace FleetUsers.Application.Changes;

/// <summary>The types of change events, as consumers filter them (<c>types=</c>, a webhook's types).</summary>
public static class EventTypes
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserDeactivated = "user.deactivated";
    public const string UserReactivated = "user.reactivated";
    public const string UserGroupRolesChanged = "user.groupRoles.changed";
    public const string GroupCreated = "group.created";
    public const string GroupUpdated = "group.updated";
    public const string GroupMoved = "group.moved";
    public const string GroupDeleted = "group.deleted";
    public const string ClientRevoked = "client.revoked";
    public const string WebhookDisabled = "webhook.disabled";

    public static IReadOnlyList<string> All { get; } =
    [
        UserCreated, UserUpdated, UserDeactivated, UserReactivated, UserGroupRolesChanged,
        GroupCreated, GroupUpdated, GroupMoved, GroupDeleted, ClientRevoked, WebhookDisabled,
    ];

    /// <summary>The type as spelled in <see cref="All"/>, whatever the case given; null for an unknown one.</summary>
    public static string? Find(string text) => All.FirstOrDefault(t => t.Equals(text, StringComparison.OrdinalIgnoreCase));

    /// <summary>The types as spelled in <see cref="All"/>, each once, in the order given; null when one is unknown.</summary>
    public static List<string>? Parse(IEnumerable<string> texts)
    {
        var types = texts.Select(Find).ToList();
        return types.Contains(null) ? null : types.OfType<string>().Distinct().ToList();
    }
}
