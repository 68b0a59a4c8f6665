using System.Text.Json.Nodes;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Projection;

/// <summary>
/// What of a resource a response shows (RFC 7644 §3.4.2.5, RFC 7643 §2.2 <c>returned</c>):
/// <c>always</c> attributes always, <c>never</c> ones never, <c>request</c> ones only when named in
/// <c>attributes</c>; <c>default</c> ones unless <c>attributes</c> names others or
/// <c>excludedAttributes</c> names them. Given both lists, <c>attributes</c> selects and then
/// <c>excludedAttributes</c> removes. <c>schemas</c> is always shown.
/// </summary>
public static class AttributeProjection
{
    /// <summary>A comma-separated list of attribute paths as sent; a malformed one is <c>invalidValue</c>.</summary>
    public static IReadOnlyList<AttributePath> ParseList(string? commaSeparated, string parameter) =>
        (commaSeparated ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(path => ScimParser.ParseAttributePath(path, parameter))
            .ToList();

    public static JsonObject Apply(JsonObject resource, ResourceType type,
        IEnumerable<AttributePath>? attributes = null, IEnumerable<AttributePath>? excludedAttributes = null)
    {
        var projection = new Projector(AttributeSelection.Of(type, attributes ?? []), AttributeSelection.Of(type, excludedAttributes ?? []));
        var projected = new JsonObject();
        foreach (var (key, value) in resource)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase))
                projected["schemas"] = value?.DeepClone();
            else if (type.Extension(key) is { } extension)
                projected[extension.Id] = projection.Object(extension.Attributes, value as JsonObject);
            else if (type.Resolve(null, key)?.Definition is { } attribute)
                projected[attribute.Name] = projection.Attribute(attribute, value);
        }
        foreach (var key in projected.Where(member => JsonMembers.IsEmpty(member.Value)).Select(member => member.Key).ToList())
            projected.Remove(key);
        return projected;
    }

    private sealed class Projector(AttributeSelection requested, AttributeSelection excluded)
    {
        public JsonObject? Object(IEnumerable<AttributeDefinition> attributes, JsonObject? values)
        {
            if (values is null) return null;
            var projected = new JsonObject();
            foreach (var attribute in attributes)
                if (Attribute(attribute, JsonMembers.Get(values, attribute.Name)) is { } value) projected[attribute.Name] = value;
            return projected;
        }

        public JsonNode? Attribute(AttributeDefinition attribute, JsonNode? value)
        {
            if (value is null || !Shown(attribute)) return null;
            if (!attribute.IsComplex) return value.DeepClone();
            if (!attribute.MultiValued) return Complex(attribute, value as JsonObject);
            var projected = new JsonArray();
            foreach (var element in (value as JsonArray ?? []).Select(element => Complex(attribute, element as JsonObject)))
                if (!JsonMembers.IsEmpty(element)) projected.Add(element);
            return projected;
        }

        private JsonObject? Complex(AttributeDefinition attribute, JsonObject? value)
        {
            if (value is null) return null;
            var projected = new JsonObject();
            foreach (var sub in attribute.SubAttributes)
                if (Shown(attribute, sub) && JsonMembers.Get(value, sub.Name) is { } subValue) projected[sub.Name] = subValue.DeepClone();
            return projected;
        }

        private bool Shown(AttributeDefinition attribute) => attribute.Returned switch
        {
            Returned.Always => true,
            Returned.Never => false,
            _ when requested.Given => requested.Touches(attribute) && !excluded.Whole(attribute),
            Returned.Request => false,
            _ => !excluded.Whole(attribute),
        };

        private bool Shown(AttributeDefinition attribute, AttributeDefinition sub) => sub.Returned switch
        {
            Returned.Always => true,
            Returned.Never => false,
            Returned.Request => requested.Sub(attribute, sub) && !excluded.Sub(attribute, sub),
            _ when requested.Given => (requested.Whole(attribute) || requested.Sub(attribute, sub)) && !excluded.Sub(attribute, sub),
            _ => !excluded.Sub(attribute, sub),
        };
    }
}
