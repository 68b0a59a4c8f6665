using FleetUsers.Api.Http;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Api.Groups;

/// <summary>The request bodies of the Groups resource, in the vendor's shapes, each declared once: its reader reads by it and the OpenAPI document shows it.</summary>
public static class GroupRequests
{
    public static readonly BodyShape Add = new("AddGroupRequest", "A new group under a parent the caller is Group Manager over.",
    [
        new("name", JsonKind.String, Presence.Required,
            $"1 to {GroupRules.MaxNameLength} characters, no backslash; unique among the parent's children, ignoring letter case."),
        new("description", JsonKind.String, Presence.Optional, $"At most {GroupRules.MaxDescriptionLength} characters."),
        new("parentId", JsonKind.Uuid, Presence.Required,
            $"The group to create it under; the new group may be at most at level {GroupLimits.MaxDepth} (the root is level 1)."),
    ]);

    /// <summary>A partial edit: a key left out keeps its value; a null description clears it; name and parentId, when sent, must have a value.</summary>
    public static readonly BodyShape Edit = new("EditGroupRequest",
        "A partial edit: rename, describe, move. No key is required; a key left out keeps its value.",
    [
        new("name", JsonKind.String, Presence.OptionalNotNull,
            $"1 to {GroupRules.MaxNameLength} characters, no backslash; unique among the new parent's children, ignoring letter case. Not null."),
        new("description", JsonKind.String, Presence.Optional, $"At most {GroupRules.MaxDescriptionLength} characters; null or empty removes it."),
        new("parentId", JsonKind.Uuid, Presence.OptionalNotNull,
            "The new parent (moves the group and everything below it); not null, and not sent for the root. Needs Group Manager over the new parent too."),
    ]);

    public static readonly BodyShape BulkMove = new("BulkMoveGroupRequest",
        "One move: the group (path \"<groupId>/parentId\") goes under a new parent (value \"<parentId>/Id\").",
    [
        new("op", JsonKind.String, Presence.Required, "Always replace."),
        new("path", JsonKind.String, Presence.Required, "Id of the moving group followed by /parentId."),
        new("value", JsonKind.String, Presence.Required, "Id of the new parent followed by /Id."),
    ]);
}
