using System.Text.Json.Nodes;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Filters;

/// <summary>
/// An attribute path resolved in a scope: the attribute, the sub-attribute it narrows to, and
/// the extension whose object holds it.
/// </summary>
internal sealed record ScopedAttribute(AttributeDefinition Attribute, AttributeDefinition? Sub, ResourceSchema? Extension)
{
    /// <summary>The definition a comparison is about.</summary>
    public AttributeDefinition Target => Sub ?? Attribute;

    /// <summary>The values the path reaches in <paramref name="target"/>: one per value of a multi-valued attribute.</summary>
    public IEnumerable<JsonNode> Values(JsonObject target)
    {
        var container = Extension is null ? target : JsonMembers.Get(target, Extension.Id) as JsonObject;
        var node = JsonMembers.Get(container, Attribute.Name);
        // Not "[node]": with a JsonArray on the other side that would make a JsonArray, taking the node from its parent.
        IEnumerable<JsonNode?> items = Attribute.MultiValued ? (node as JsonArray)?.ToList() ?? [] : new[] { node };
        if (Sub is not null) items = items.OfType<JsonObject>().Select(item => JsonMembers.Get(item, Sub.Name));
        return items.OfType<JsonNode>();
    }
}

/// <summary>Where the attribute paths of a filter are resolved.</summary>
internal abstract class AttributeScope
{
    public abstract ScopedAttribute? Resolve(AttributePath path);

    /// <summary>A resource: common and core attributes by name, extension attributes by URN.</summary>
    public sealed class Resource(ResourceType type) : AttributeScope
    {
        public override ScopedAttribute? Resolve(AttributePath path)
        {
            if (type.Resolve(path.SchemaUrn, path.Name) is not { } resolved) return null;
            if (path.SubAttribute is null) return new ScopedAttribute(resolved.Definition, null, resolved.Extension);
            return resolved.Definition.SubAttribute(path.SubAttribute) is { } sub
                ? new ScopedAttribute(resolved.Definition, sub, resolved.Extension)
                : null;
        }
    }

    /// <summary>The values of a complex attribute, inside "[...]": its sub-attributes by plain name.</summary>
    public sealed class Element(AttributeDefinition complex) : AttributeScope
    {
        public override ScopedAttribute? Resolve(AttributePath path) =>
            path is { SchemaUrn: null, SubAttribute: null } && complex.SubAttribute(path.Name) is { } sub
                ? new ScopedAttribute(sub, null, null)
                : null;
    }
}
