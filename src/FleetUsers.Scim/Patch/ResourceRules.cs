using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>What a patched resource must still be, and how it is left tidy.</summary>
internal static class ResourceRules
{
    /// <summary>Required attributes have values; at most one value of a list is primary.</summary>
    public static void Check(JsonObject resource, ResourceType type)
    {
        foreach (var (attribute, container) in Attributes(resource, type))
        {
            var value = JsonMembers.Get(container, attribute.Name);
            if (attribute.Required && JsonMembers.IsEmpty(value))
                throw ScimException.InvalidValue($"{attribute.Name} is required.");
            if (value is JsonArray values && values.Count(Mutation.IsPrimary) > 1)
                throw ScimException.InvalidValue($"Only one value of {attribute.Name} may be primary.");
        }
    }

    /// <summary>
    /// Drops what is left empty (a complex value without sub-attributes, a list without values, an
    /// extension without attributes) and lists in <c>schemas</c> the core schema and the extensions
    /// the resource has attributes of.
    /// </summary>
    public static void Tidy(JsonObject resource, ResourceType type)
    {
        Prune(resource);
        var schemas = new JsonArray(JsonValue.Create(type.Schema.Id));
        foreach (var extension in type.Extensions.Select(extension => extension.Schema.Id))
            if (JsonMembers.Get(resource, extension) is not null) schemas.Add(JsonValue.Create(extension));
        JsonMembers.Remove(resource, "schemas");
        resource.Insert(0, "schemas", schemas);
    }

    private static void Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj) Prune(value);
                foreach (var key in obj.Where(member => JsonMembers.IsEmpty(member.Value)).Select(member => member.Key).ToList())
                    obj.Remove(key);
                break;
            case JsonArray array:
                foreach (var item in array) Prune(item);
                foreach (var item in array.Where(JsonMembers.IsEmpty).ToList()) array.Remove(item);
                break;
        }
    }

    private static IEnumerable<(AttributeDefinition Attribute, JsonObject? Container)> Attributes(JsonObject resource, ResourceType type) =>
        type.Schema.Attributes.Select(attribute => (attribute, (JsonObject?)resource))
            .Concat(type.Extensions
                .Where(extension => extension.Required || JsonMembers.Get(resource, extension.Schema.Id) is not null)
                .SelectMany(extension => extension.Schema.Attributes.Select(attribute =>
                    (attribute, JsonMembers.Get(resource, extension.Schema.Id) as JsonObject))));
}
