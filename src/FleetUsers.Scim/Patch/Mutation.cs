using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>The rules every change of an attribute's value follows.</summary>
internal static class Mutation
{
    /// <summary>
    /// Whether the change goes ahead under the attribute's mutability (RFC 7644 §3.5.2). A read-only
    /// or immutable attribute "set" to the value it has changes nothing and is no error (Okta sends
    /// a group's <c>id</c> back in its PATCH); an immutable one may be added when it has no value;
    /// any other change of them is <c>mutability</c>.
    /// </summary>
    public static bool Allowed(AttributeDefinition attribute, JsonNode? current, JsonNode? requested, PatchOperationType op, string name)
    {
        var fixedValue = attribute.Mutability == Mutability.ReadOnly
            || (attribute.Mutability == Mutability.Immutable && !(op == PatchOperationType.Add && JsonMembers.IsEmpty(current)));
        if (!fixedValue) return true;
        var unchanged = op == PatchOperationType.Remove ? JsonMembers.IsEmpty(current) : JsonNode.DeepEquals(current, requested);
        if (unchanged) return false;
        throw ScimException.Mutability($"`{name}` is {(attribute.Mutability == Mutability.ReadOnly ? "read-only" : "immutable")}.");
    }

    /// <summary>Sets each sub-attribute of <paramref name="values"/> on <paramref name="target"/>; null unassigns it.</summary>
    public static void Merge(JsonObject target, JsonObject values)
    {
        foreach (var (key, value) in values)
            JsonMembers.Set(target, key, value?.DeepClone());
    }

    public static bool IsPrimary(JsonNode? value) =>
        value is JsonObject element && JsonMembers.Get(element, "primary") is JsonValue primary && primary.GetValueKind() == JsonValueKind.True;

    /// <summary>
    /// A value made primary makes the others not primary (RFC 7644 §3.5.2); two made primary at
    /// once is <c>invalidValue</c>.
    /// </summary>
    public static void KeepSolePrimary(JsonArray values, IEnumerable<JsonObject> changed, string name)
    {
        var primary = changed.Where(IsPrimary).Distinct().ToList();
        if (primary.Count > 1) throw ScimException.InvalidValue($"Only one value of `{name}` may be primary.");
        if (primary.Count == 0) return;
        foreach (var other in values.OfType<JsonObject>().Where(value => value != primary[0] && IsPrimary(value)))
            JsonMembers.Set(other, "primary", JsonValue.Create(false));
    }
}
