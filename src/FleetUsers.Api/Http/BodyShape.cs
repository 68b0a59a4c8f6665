namespace FleetUsers.Api.Http;

/// <summary>What a key of a request body holds.</summary>
public enum JsonKind
{
    String,
    Boolean,
    Uuid,
    Int32,

    /// <summary>An array of objects, each of the key's <see cref="BodyKey.Shape"/>.</summary>
    Array,

    /// <summary>An object of the key's <see cref="BodyKey.Shape"/>.</summary>
    Object,

    /// <summary>An array of strings.</summary>
    StringArray,
}

/// <summary>One key of a request body: its name, what it holds, whether it must be there and may be null, and what clients are told of it.</summary>
public sealed record BodyKey(string Name, JsonKind Kind, Presence Presence, string? Description = null, BodyShape? Shape = null)
{
    /// <summary>Read (and so not refused as unknown) but left out of the document: a key responses show that a client may send back.</summary>
    public bool Undocumented { get; init; }
}

/// <summary>
/// A request body, declared once: <see cref="JsonObjectReader.Read(BodyShape)"/> reads a body by it
/// (presence, null, kind; every key it does not list is unknown), and the OpenAPI document shows it as
/// the schema <see cref="Name"/> (OpenApi/BodySchemas).
/// </summary>
public sealed record BodyShape(string Name, string? Description, IReadOnlyList<BodyKey> Keys);

/// <summary>Endpoint metadata: the endpoint reads a JSON body of this shape (or an array of them). Routing answers 415 for other media types.</summary>
public sealed record JsonBody(BodyShape Shape, bool IsArray = false) : Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes => JsonRequest.MediaTypes;

    /// <summary>Any JSON, for the framework's own description (the OpenAPI document replaces it with the shape's schema).</summary>
    public Type? RequestType => typeof(System.Text.Json.JsonElement);

    public bool IsOptional => false;
}

public static class JsonBodyExtensions
{
    /// <summary>Declares the JSON body the endpoint reads: for routing (415) and for the OpenAPI document.</summary>
    public static TBuilder AcceptsJson<TBuilder>(this TBuilder builder, BodyShape shape, bool array = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new JsonBody(shape, array));
}

/// <summary>What <see cref="JsonObjectReader.Read(BodyShape)"/> found for each key of a shape: null when absent, null or unreadable.</summary>
public sealed class BodyValues(BodyShape shape, IReadOnlyDictionary<string, object?> values)
{
    public string? String(string name) => (string?)Get(name, JsonKind.String);

    public bool? Boolean(string name) => (bool?)Get(name, JsonKind.Boolean);

    public Guid? Uuid(string name) => (Guid?)Get(name, JsonKind.Uuid);

    public int? Int32(string name) => (int?)Get(name, JsonKind.Int32);

    /// <summary>The items of an array key, each read by the key's shape.</summary>
    public IReadOnlyList<BodyValues>? Items(string name) => (IReadOnlyList<BodyValues>?)Get(name, JsonKind.Array);

    /// <summary>The strings of a string-array key.</summary>
    public IReadOnlyList<string>? Strings(string name) => (IReadOnlyList<string>?)Get(name, JsonKind.StringArray);

    /// <summary>Asking for a key the shape does not declare (or as another kind) is a mistake in the code, not in the request.</summary>
    private object? Get(string name, JsonKind kind) =>
        shape.Keys.Any(k => k.Name == name && k.Kind == kind) ? values[name]
            : throw new InvalidOperationException($"{shape.Name} declares no {kind} key {name}");
}
