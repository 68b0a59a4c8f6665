using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// One operation applied at one path of a resource: resolves the path against the resource type
/// (<c>invalidPath</c> for an attribute it does not have) and changes the value there.
/// </summary>
internal sealed class PatchTarget(JsonObject resource, ResourceType type, PatchOperationType op)
{
    public void Apply(PatchPath path, JsonNode? value)
    {
        var resolved = type.Resolve(path.SchemaUrn, path.Name)
            ?? throw ScimException.InvalidPath($"Unknown attribute `{path.Attribute}`.");
        var attribute = resolved.Definition;
        var sub = path.SubAttribute is null
            ? null
            : attribute.SubAttribute(path.SubAttribute) ?? throw ScimException.InvalidPath($"Unknown attribute `{path.Attribute}.{path.SubAttribute}`.");
        if (path.ValueFilter is not null)
        {
            if (!attribute.MultiValued || !attribute.IsComplex)
                throw ScimException.InvalidPath($"`{path.Attribute}` has no values to select with `[...]`.");
            FilterEvaluator.Check(path.ValueFilter, new AttributeScope.Element(attribute), ScimException.InvalidPath);
        }
        if (op == PatchOperationType.Add && JsonMembers.IsEmpty(value))
            throw ScimException.InvalidValue($"add needs a value for `{path}`.");

        var container = Container(resolved.Extension);
        if (container is null) return;
        var name = path.ToString();
        if (attribute.MultiValued)
            new MultiValuedTarget(container, attribute, op, name).Apply(path.ValueFilter, sub, value);
        else if (sub is not null)
            ApplyToSubAttribute(container, attribute, sub, value, name);
        else
            ApplyToAttribute(container, attribute, value, name);
    }

    // The object holding the attribute: the resource, or its extension's object (none to remove from).
    private JsonObject? Container(ResourceSchema? extension) => extension is null
        ? resource
        : op == PatchOperationType.Remove ? JsonMembers.Get(resource, extension.Id) as JsonObject : JsonMembers.Object(resource, extension.Id);

    private void ApplyToAttribute(JsonObject container, AttributeDefinition attribute, JsonNode? value, string name)
    {
        if (!Mutation.Allowed(attribute, JsonMembers.Get(container, attribute.Name), value, op, name)) return;
        // null unassigns (RFC 7643 §2.5); an object with null sub-attributes unassigns those only.
        if (op == PatchOperationType.Remove || JsonMembers.IsNull(value))
        {
            JsonMembers.Remove(container, attribute.Name);
            return;
        }
        var read = ValueReader.Single(attribute, value, name);
        // A complex value sets the sub-attributes it has and leaves the others (RFC 7644 §3.5.2.1, §3.5.2.3).
        if (read is JsonObject subAttributes) Mutation.Merge(JsonMembers.Object(container, attribute.Name), subAttributes);
        else JsonMembers.Set(container, attribute.Name, read);
    }

    private void ApplyToSubAttribute(JsonObject container, AttributeDefinition attribute, AttributeDefinition sub, JsonNode? value, string name)
    {
        var holder = JsonMembers.Get(container, attribute.Name) as JsonObject;
        if (!Mutation.Allowed(sub, JsonMembers.Get(holder, sub.Name), value, op, name)) return;
        if (op == PatchOperationType.Remove || JsonMembers.IsNull(value))
        {
            if (holder is not null) JsonMembers.Remove(holder, sub.Name);
            return;
        }
        JsonMembers.Set(JsonMembers.Object(container, attribute.Name), sub.Name, ValueReader.Single(sub, value, name));
    }
}
