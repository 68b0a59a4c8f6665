using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Json;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// Reads a PATCH request body (RFC 7644 §3.5.2): <c>schemas</c> must be the PatchOp URN,
/// <c>Operations</c> a non-empty list of <c>op</c> (add, replace or remove in any letter case, as
/// Entra ID sends "Replace"), <c>path</c> (required for remove) and <c>value</c> (required for add and
/// replace). Member names are matched ignoring case; unknown members are refused.
/// </summary>
public static class PatchRequestReader
{
    public static IReadOnlyList<PatchOperation> Read(JsonNode? body)
    {
        if (body is not JsonObject request)
            throw ScimException.InvalidSyntax("The body must be a PatchOp object with schemas and Operations.");
        RefuseUnknownMembers(request, "The body", "schemas", "Operations");

        if (JsonMembers.Get(request, "schemas") is not JsonArray schemas
            || schemas.Count != 1
            || schemas[0] is not JsonValue schema
            || schema.GetValueKind() != JsonValueKind.String
            || !schema.GetValue<string>().Equals(ScimUrns.PatchOp, StringComparison.OrdinalIgnoreCase))
            throw ScimException.InvalidSyntax($"schemas must be [\"{ScimUrns.PatchOp}\"].");

        if (JsonMembers.Get(request, "Operations") is not JsonArray operations || operations.Count == 0)
            throw ScimException.InvalidSyntax("Operations must be a list of at least one operation.");

        return operations.Select((operation, index) => ReadOperation(operation, index)).ToList();
    }

    private static PatchOperation ReadOperation(JsonNode? node, int index)
    {
        var name = $"Operations[{index}]";
        if (node is not JsonObject operation)
            throw ScimException.InvalidSyntax($"{name} must be an object with op, path and value.");
        RefuseUnknownMembers(operation, name, "op", "path", "value");

        var op = Text(operation, "op", name) switch
        {
            { } text when text.Equals("add", StringComparison.OrdinalIgnoreCase) => PatchOperationType.Add,
            { } text when text.Equals("replace", StringComparison.OrdinalIgnoreCase) => PatchOperationType.Replace,
            { } text when text.Equals("remove", StringComparison.OrdinalIgnoreCase) => PatchOperationType.Remove,
            _ => throw ScimException.InvalidSyntax($"{name}.op must be add, replace or remove."),
        };

        var pathText = Text(operation, "path", name);
        var path = pathText is null ? null : Parse(pathText, name);
        if (path is null && op == PatchOperationType.Remove)
            throw ScimException.NoTarget($"{name}: remove needs a path.");

        var hasValue = JsonMembers.Key(operation, "value") is not null;
        if (!hasValue && op != PatchOperationType.Remove)
            throw ScimException.InvalidValue($"{name}: {op.ToString().ToLowerInvariant()} needs a value.");
        var value = JsonMembers.Get(operation, "value")?.DeepClone();
        if (path is null && value is not JsonObject)
            throw ScimException.InvalidValue($"{name}: without a path, the value must be an object of attributes.");

        return new PatchOperation(index, op, path, value);
    }

    private static PatchPath Parse(string path, string name)
    {
        try
        {
            return ScimParser.ParsePatchPath(path);
        }
        catch (ScimException error)
        {
            throw error.Within($"{name}.path");
        }
    }

    private static string? Text(JsonObject operation, string member, string name) => JsonMembers.Get(operation, member) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => throw ScimException.InvalidSyntax($"{name}.{member} must be a string."),
    };

    private static void RefuseUnknownMembers(JsonObject target, string name, params string[] known)
    {
        var unknown = target.Select(member => member.Key)
            .Where(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase))
            .ToList();
        if (unknown.Count > 0)
            throw ScimException.InvalidSyntax($"{name} has unknown members: {string.Join(", ", unknown)}.");
    }
}
