using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// Applies PATCH operations (RFC 7644 §3.5.2) to a resource held as JSON, all or nothing: the
/// operations change a copy, one after the other, and the copy is returned only when every one of
/// them succeeded and the result still has its required attributes. The resource given is never
/// changed. Errors name the operation (<c>Operations[1]: ...</c>).
/// </summary>
public static class PatchApplier
{
    public static JsonObject Apply(JsonObject resource, ResourceType type, IEnumerable<PatchOperation> operations)
    {
        var patched = (JsonObject)resource.DeepClone();
        foreach (var operation in operations)
        {
            try
            {
                Apply(patched, type, operation);
            }
            catch (ScimException error)
            {
                throw error.Within(operation.Name);
            }
        }
        ResourceRules.Check(patched, type);
        ResourceRules.Tidy(patched, type);
        return patched;
    }

    private static void Apply(JsonObject resource, ResourceType type, PatchOperation operation)
    {
        var target = new PatchTarget(resource, type, operation.Op);
        if (operation.Path is not null)
        {
            target.Apply(operation.Path, operation.Value);
            return;
        }
        // Without a path, each member of the value names an attribute: by name, by a path as Entra ID
        // sends ("name.givenName", "urn:...:User:employeeNumber"), or an extension's URN holding its attributes.
        foreach (var (key, value) in (JsonObject)operation.Value!)
        {
            if (type.Extension(key) is { } extension)
                ApplyExtension(target, extension, value, key);
            else if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
                CheckSchemas(type, value);
            else
                target.Apply(ParseKey(key, "value"), value);
        }
    }

    private static void ApplyExtension(PatchTarget target, ResourceSchema extension, JsonNode? value, string key)
    {
        if (value is not JsonObject attributes)
            throw ScimException.InvalidValue($"`{key}` must be an object of the extension's attributes.");
        foreach (var (name, attributeValue) in attributes)
        {
            var path = ParseKey(name, key);
            if (path.SchemaUrn is not null) throw ScimException.InvalidPath($"Unknown attribute `{key}.{name}`.");
            target.Apply(path with { SchemaUrn = extension.Id }, attributeValue);
        }
    }

    private static PatchPath ParseKey(string key, string where)
    {
        try
        {
            return ScimParser.ParsePatchPath(key);
        }
        catch (ScimException error)
        {
            throw ScimException.InvalidPath($"`{key}` in {where} is not an attribute: {error.Detail}");
        }
    }

    // "schemas" may come along with the attributes (as in a resource); it changes nothing, as the
    // schemas of a resource follow from the attributes it has.
    private static void CheckSchemas(ResourceType type, JsonNode? value)
    {
        var known = type.SchemaIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (value is not JsonArray schemas || schemas.Any(schema => schema is not JsonValue text
                || text.GetValueKind() != JsonValueKind.String || !known.Contains(text.GetValue<string>())))
            throw ScimException.InvalidValue($"schemas must list schemas of {type.Name}: {string.Join(", ", known)}.");
    }
}
