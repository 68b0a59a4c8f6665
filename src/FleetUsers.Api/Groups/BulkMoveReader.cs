using System.Text.Json;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;

namespace FleetUsers.Api.Groups;

/// <summary>
/// Reads a bulk move body: an array of <c>{"op": "replace", "path": "&lt;groupId&gt;/parentId",
/// "value": "&lt;newParentId&gt;/Id"}</c> (<see cref="GroupRequests.BulkMove"/>), reporting every problem at once, each by its index.
/// </summary>
public static class BulkMoveReader
{
    /// <summary>The vendor's own sentence for an empty list.</summary>
    public const string NoGroups = "No groups provided for bulk move.";

    public static IReadOnlyList<GroupMoveRequest> Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new ValidationFailedException(["body must be a JSON array of moves"]);
        }
        var count = body.GetArrayLength();
        if (count == 0)
        {
            throw new ValidationFailedException([NoGroups]);
        }
        if (count > MoveGroups.MaxMoves)
        {
            throw new ValidationFailedException([$"body holds {count} moves; one request may hold at most {MoveGroups.MaxMoves}"]);
        }
        var problems = new List<string>();
        var moves = new List<GroupMoveRequest>();
        var index = 0;
        foreach (var element in body.EnumerateArray())
        {
            var json = new JsonObjectReader(element, problems, $"[{index}].");
            var move = json.Read(GroupRequests.BulkMove);
            var op = move.String("op");
            var path = move.String("path");
            var value = move.String("value");
            json.RejectUnknown();
            if (op is not null && !op.Equals("replace", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"[{index}].op must be replace");
            }
            var groupId = path is null ? null : IdBefore(path, "/parentId", $"[{index}].path", problems);
            var parentId = value is null ? null : IdBefore(value, "/Id", $"[{index}].value", problems);
            if (groupId is { } g && parentId is { } p)
            {
                moves.Add(new GroupMoveRequest(index, g, p));
            }
            index++;
        }
        return problems.Count == 0 ? moves : throw new ValidationFailedException(problems);
    }

    /// <summary>The UUID in "&lt;uuid&gt;&lt;suffix&gt;" (the suffix in any letter case).</summary>
    private static Guid? IdBefore(string text, string suffix, string field, List<string> problems)
    {
        if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(text[..^suffix.Length], "D", out var id))
        {
            return id;
        }
        problems.Add($"{field} must be a group id followed by {suffix}, such as 880e70d8-aaf8-18aa-7ab0-6533d8f1c360{suffix}");
        return null;
    }
}
