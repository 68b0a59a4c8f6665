using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// Turns a value a client sent into the value stored for an attribute, checking its type
/// (<c>invalidValue</c>) and its sub-attributes' names (<c>invalidPath</c>). Booleans sent as the
/// strings "True" / "False" are taken as booleans (Entra ID sends them so). Read-only
/// sub-attributes inside a value are ignored, as RFC 7643 §2.2 has a create or a replace do.
/// </summary>
internal static class ValueReader
{
    /// <summary>A whole attribute: for a multi-valued one a list (one value is taken as a list of one).</summary>
    public static JsonNode? Attribute(AttributeDefinition attribute, JsonNode? value, string path)
    {
        if (!attribute.MultiValued || value is null) return Single(attribute, value, path);
        var items = value is JsonArray array ? array.ToList() : [value];
        var read = new JsonArray();
        foreach (var item in items)
        {
            if (item is null) throw ScimException.InvalidValue($"`{path}` cannot hold null values.");
            read.Add(WithoutNulls(Single(attribute, item, path)));
        }
        return read;
    }

    /// <summary>
    /// One value of the attribute. A complex value keeps explicit nulls (a null sub-attribute
    /// unassigns it when merged); see <see cref="WithoutNulls"/>.
    /// </summary>
    public static JsonNode? Single(AttributeDefinition attribute, JsonNode? value, string path)
    {
        if (value is null || (value is JsonValue nullValue && nullValue.GetValueKind() == JsonValueKind.Null)) return null;
        return attribute.Type switch
        {
            AttributeType.Complex => Complex(attribute, value, path),
            AttributeType.Boolean => Boolean(value, path),
            AttributeType.Integer => Number(value, path, integer: true),
            AttributeType.Decimal => Number(value, path, integer: false),
            AttributeType.DateTime => Text(value, path, "a dateTime such as \"2011-05-13T04:42:34Z\"", text => ScimDateTime.TryParse(text, out _)),
            AttributeType.Binary => Text(value, path, "base64", text => Convert.TryFromBase64String(text, new byte[text.Length], out _)),
            _ => Text(value, path, "a string", _ => true),
        };
    }

    /// <summary>A complex value without its null sub-attributes: what a new value of a list holds.</summary>
    public static JsonNode? WithoutNulls(JsonNode? value)
    {
        if (value is not JsonObject obj) return value;
        foreach (var key in obj.Where(member => member.Value is null).Select(member => member.Key).ToList()) obj.Remove(key);
        return obj;
    }

    private static JsonObject Complex(AttributeDefinition attribute, JsonNode value, string path)
    {
        if (value is not JsonObject obj) throw ScimException.InvalidValue($"`{path}` must be an object of sub-attributes.");
        var read = new JsonObject();
        foreach (var (key, member) in obj)
        {
            var sub = attribute.SubAttribute(key) ?? throw ScimException.InvalidPath($"Unknown attribute `{path}.{key}`.");
            if (sub.Mutability == Mutability.ReadOnly) continue;
            JsonMembers.Remove(read, sub.Name);
            read[sub.Name] = Single(sub, member, $"{path}.{sub.Name}");
        }
        return read;
    }

    private static JsonValue Boolean(JsonNode value, string path) => Kind(value) switch
    {
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        JsonValueKind.String when bool.TryParse(value.GetValue<string>(), out var parsed) => JsonValue.Create(parsed),
        _ => throw ScimException.InvalidValue($"`{path}` must be true or false."),
    };

    private static JsonNode Number(JsonNode value, string path, bool integer)
    {
        var text = Kind(value) == JsonValueKind.Number ? value.ToJsonString() : null;
        if (text is null || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            || (integer && decimal.Truncate(number) != number))
            throw ScimException.InvalidValue($"`{path}` must be {(integer ? "an integer" : "a number")}.");
        return value.DeepClone();
    }

    private static JsonValue Text(JsonNode value, string path, string what, Func<string, bool> valid)
    {
        if (Kind(value) != JsonValueKind.String || !valid(value.GetValue<string>()))
            throw ScimException.InvalidValue($"`{path}` must be {what}.");
        return JsonValue.Create(value.GetValue<string>());
    }

    private static JsonValueKind? Kind(JsonNode value) => (value as JsonValue)?.GetValueKind();
}
