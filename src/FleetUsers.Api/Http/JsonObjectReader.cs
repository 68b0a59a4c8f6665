using System.Text.Json;

namespace FleetUsers.Api.Http;

/// <summary>Whether a key must be present, and whether it may be null.</summary>
public enum Presence
{
    /// <summary>Must be present and not null.</summary>
    Required,

    /// <summary>Must be present; null is allowed.</summary>
    RequiredNullable,

    /// <summary>May be absent or null.</summary>
    Optional,

    /// <summary>May be absent; when present, not null (a partial edit: absent keeps the value, null would clear it).</summary>
    OptionalNotNull,
}

/// <summary>
/// Reads the properties of one JSON object, collecting a problem for every missing key,
/// wrong type and unknown key instead of stopping at the first. Names match in any case;
/// a name given twice is a problem.
/// </summary>
public sealed class JsonObjectReader
{
    private readonly Dictionary<string, List<JsonProperty>> _properties = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _prefix;

    public JsonObjectReader(JsonElement element, List<string> problems, string prefix = "")
    {
        Problems = problems;
        _prefix = prefix;
        if (element.ValueKind != JsonValueKind.Object)
        {
            IsObject = false;
            problems.Add(prefix.Length == 0 ? "body must be a JSON object" : $"{prefix.TrimEnd('.')} must be an object");
            return;
        }
        IsObject = true;
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is not { } name)
            {
                problems.Add($"{prefix}(a key) is not valid text: it holds an unpaired UTF-16 surrogate escape such as \\ud800");
                continue;
            }
            if (!_properties.TryGetValue(name, out var same))
            {
                _properties[name] = same = [];
            }
            same.Add(property);
        }
    }

    public List<string> Problems { get; }

    /// <summary>The keys that were required but missing, or of the wrong type: rules about them were already answered.</summary>
    public HashSet<string> Unreadable { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsObject { get; }

    /// <summary>True when the key was sent (even as null).</summary>
    public bool Has(string name) => _properties.ContainsKey(name);

    public string? String(string name, Presence presence) =>
        Read(name, presence, "a string", JsonValueKind.String, ReadString);

    public bool? Boolean(string name, Presence presence) =>
        Read<bool?>(name, presence, "true or false", JsonValueKind.True, e => e.GetBoolean());

    public Guid? Uuid(string name, Presence presence) =>
        Read<Guid?>(name, presence, "a UUID", JsonValueKind.String, e => ReadString(e) is { } text && Guid.TryParseExact(text, "D", out var id) ? id : null);

    public int? Int32(string name, Presence presence) =>
        Read<int?>(name, presence, "a 32-bit integer", JsonValueKind.Number, e => e.TryGetInt32(out var n) ? n : null);

    /// <summary>The array under the key, or null (with a problem if it had to be there).</summary>
    public JsonElement? Array(string name, Presence presence) =>
        Read<JsonElement?>(name, presence, "an array", JsonValueKind.Array, e => e);

    /// <summary>The strings of the array under the key, or null (with a problem if it had to be there, or an item is not text).</summary>
    public IReadOnlyList<string>? Strings(string name, Presence presence) =>
        Read<IReadOnlyList<string>?>(name, presence, "an array of strings", JsonValueKind.Array, e =>
        {
            var items = e.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? ReadString(item) : null).ToList();
            return items.Contains(null) ? null : items.OfType<string>().ToList();
        });

    /// <summary>The object under the key, or null (with a problem if it had to be there).</summary>
    public JsonElement? Object(string name, Presence presence) =>
        Read<JsonElement?>(name, presence, "an object", JsonValueKind.Object, e => e);

    /// <summary>
    /// Reads every key of the shape, in its order, noting each problem; an array's items and an object
    /// are read by their own shape (their unknown keys refused). Keys in <paramref name="readByCaller"/>
    /// are left to the caller (their rule depends on another key). Call <see cref="RejectUnknown"/> after.
    /// </summary>
    public BodyValues Read(BodyShape shape, params string[] readByCaller)
    {
        var values = new Dictionary<string, object?>();
        foreach (var key in shape.Keys)
        {
            if (readByCaller.Contains(key.Name))
            {
                Skip(key.Name);
                continue;
            }
            values[key.Name] = key.Kind switch
            {
                JsonKind.String => String(key.Name, key.Presence),
                JsonKind.Boolean => Boolean(key.Name, key.Presence),
                JsonKind.Uuid => Uuid(key.Name, key.Presence),
                JsonKind.Int32 => Int32(key.Name, key.Presence),
                JsonKind.Array => Array(key.Name, key.Presence) is { } array
                    ? array.EnumerateArray().Select((item, i) => ReadNested(item, key.Shape!, $"{_prefix}{key.Name}[{i}].")).ToList()
                    : null,
                JsonKind.Object => Object(key.Name, key.Presence) is { } item ? ReadNested(item, key.Shape!, $"{_prefix}{key.Name}.") : null,
                JsonKind.StringArray => Strings(key.Name, key.Presence),
                _ => throw new ArgumentOutOfRangeException(nameof(shape), key.Kind, "not a kind of key"),
            };
        }
        return new BodyValues(shape, values);
    }

    /// <summary>An object inside the body, read by its shape, its unknown keys refused; its problems named from <paramref name="prefix"/>.</summary>
    public BodyValues ReadNested(JsonElement element, BodyShape shape, string prefix)
    {
        var reader = new JsonObjectReader(element, Problems, prefix);
        var values = reader.Read(shape);
        reader.RejectUnknown();
        return values;
    }

    /// <summary>Marks a key as known without reading it (its problem, if any, is reported by the caller).</summary>
    public void Skip(string name) => _known.Add(name);

    /// <summary>Reports every key that no read asked for. Call after all reads.</summary>
    public void RejectUnknown()
    {
        foreach (var name in _properties.Keys.Where(n => !_known.Contains(n)))
        {
            Problems.Add($"{_prefix}{name} is not a known property");
        }
    }

    private T? Read<T>(string name, Presence presence, string expected, JsonValueKind kind, Func<JsonElement, T?> convert)
    {
        _known.Add(name);
        var field = _prefix + name;
        if (!IsObject)
        {
            Unreadable.Add(name); // the body's problem is said once: no rule speaks of its fields
            return default;
        }
        if (!_properties.TryGetValue(name, out var values))
        {
            if (presence is Presence.Required or Presence.RequiredNullable)
            {
                Problems.Add($"{field} is required");
                Unreadable.Add(name);
            }
            return default;
        }
        if (values.Count > 1)
        {
            Problems.Add($"{field} is given more than once");
            Unreadable.Add(name);
            return default;
        }
        var value = values[0].Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (presence is Presence.Required or Presence.OptionalNotNull)
            {
                Problems.Add($"{field} must be {expected}, not null");
                Unreadable.Add(name);
            }
            return default;
        }
        var kindMatches = value.ValueKind == kind || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False);
        var result = kindMatches ? convert(value) : default;
        if (result is null)
        {
            Problems.Add($"{field} must be {expected}{(presence is Presence.Required or Presence.OptionalNotNull ? "" : " or null")}");
            Unreadable.Add(name);
        }
        return result;
    }

    /// <summary>A key with an unpaired surrogate escape (\ud800) cannot become .NET text: null, not a crash.</summary>
    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Strings with unpaired surrogate escapes (\ud800) cannot become .NET text: a problem, not a crash.</summary>
    private static string? ReadString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
