using System.Text.Json;
using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Json;

/// <summary>
/// Members of JSON objects by attribute name, ignoring case (RFC 7643 §2.1: attribute names are
/// case-insensitive), written back under the schema's spelling.
/// </summary>
public static class JsonMembers
{
    public static string? Key(JsonObject target, string name)
    {
        foreach (var member in target)
            if (member.Key.Equals(name, StringComparison.OrdinalIgnoreCase)) return member.Key;
        return null;
    }

    public static JsonNode? Get(JsonObject? target, string name) =>
        target is not null && Key(target, name) is { } key ? target[key] : null;

    /// <summary>Sets the member under <paramref name="name"/>; null (or an empty value) removes it.</summary>
    public static void Set(JsonObject target, string name, JsonNode? value)
    {
        Remove(target, name);
        if (!IsEmpty(value)) target[name] = value;
    }

    public static void Remove(JsonObject target, string name)
    {
        while (Key(target, name) is { } key) target.Remove(key);
    }

    /// <summary>The object under <paramref name="name"/>, made when missing.</summary>
    public static JsonObject Object(JsonObject target, string name)
    {
        if (Get(target, name) is JsonObject existing) return existing;
        var made = new JsonObject();
        Remove(target, name);
        target[name] = made;
        return made;
    }

    /// <summary>
    /// Unassigned in the sense of RFC 7643 §2.5 (null, or an empty array), or an object whose
    /// members are all unassigned; an empty string is a value.
    /// </summary>
    public static bool IsEmpty(JsonNode? node) => node switch
    {
        null => true,
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.All(member => IsEmpty(member.Value)),
        JsonValue value => value.GetValueKind() == JsonValueKind.Null,
        _ => false,
    };

    /// <summary>No value at all: absent, or JSON null.</summary>
    public static bool IsNull(JsonNode? node) => node is null || (node is JsonValue value && value.GetValueKind() == JsonValueKind.Null);

    /// <summary>Whether the value counts as present for <c>pr</c>: not empty, and not "".</summary>
    public static bool IsPresent(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>().Length > 0,
        JsonObject obj => obj.Any(member => IsPresent(member.Value)),
        JsonArray array => array.Any(IsPresent),
        _ => !IsEmpty(node),
    };
}
