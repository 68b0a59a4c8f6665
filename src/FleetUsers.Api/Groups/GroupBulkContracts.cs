using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using FleetUsers.Application.Groups;

namespace FleetUsers.Api.Groups;

// Bulk import and bulk move, in the vendor's shapes (its bulk move answer uses PascalCase keys).

[Description("What an import did with each row of the file.")]
public sealed record ImportGroupsResponse(
    [property: Description("fullPath of each group the import created.")] IReadOnlyList<string> ImportedGroups,
    [property: Description("fullPath of each group the file lists that existed already (left as it was).")] IReadOnlyList<string> ExistingGroups,
    [property: Description("The path a row gives for groups not created: the parent is not there, not visible or not the caller's to change, or the description breaks the rules.")] IReadOnlyList<string> GroupsFailedToImport,
    [property: Description("Group names, as written, that break the name rules.")] IReadOnlyList<string> InvalidGroupNames)
{
    public static ImportGroupsResponse From(GroupImportReport r) => new(r.ImportedGroups, r.ExistingGroups, r.GroupsFailedToImport, r.InvalidGroupNames);
}

public sealed record UnmovedGroupResponse(
    [property: JsonPropertyName("Group")] GroupResponse Group,
    [property: JsonPropertyName("ErrorMessage"), Description("Why the group was not moved.")] string ErrorMessage);

public sealed record BulkMoveGroupResponse(
    [property: JsonPropertyName("MovedGroups"), Description("The groups moved, as they are after every move of the request.")] IReadOnlyList<GroupResponse> MovedGroups,
    [property: JsonPropertyName("UnmovedGroups"), Description("The groups not moved, each with why.")] IReadOnlyList<UnmovedGroupResponse> UnmovedGroups)
{
    public static BulkMoveGroupResponse From(BulkMoveResult result) => new(
        result.Moved.Select(g => GroupResponse.From(g)).ToList(),
        result.Unmoved.Select(u => new UnmovedGroupResponse(GroupResponse.From(u.Group), u.ErrorMessage)).ToList());
}
