using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Http;
using FleetUsers.Scim.Errors;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Scim;

/// <summary>
/// Reads a SCIM request body: application/scim+json (or any JSON type), within the body limit, as a
/// JSON object. Its refusals are SCIM errors (415; 400 invalidSyntax); a body over the limit is the
/// request reader's 413, which <see cref="ScimCallerFilter"/> answers as a SCIM error too.
/// </summary>
public sealed class ScimBody(IOptions<RequestLimits> limits)
{
    // Duplicate keys are refused while parsing: JsonObject would only notice them at its first read.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (!JsonRequest.IsJson(request.ContentType))
        {
            throw new ScimException(StatusCodes.Status415UnsupportedMediaType, null, "The body must be application/scim+json.");
        }
        using var buffer = await RequestBody.ReadAsync(request, limits.Value.MaxBodyBytes);
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw NotAnObject();
            }
            RequireText(document.RootElement);
            return JsonObject.Create(document.RootElement.Clone())!;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw ScimException.InvalidSyntax($"The body is not valid JSON{where}.");
        }
    }

    /// <summary>
    /// Every key and string can become text the service can keep: an unpaired surrogate escape
    /// (\ud800) would throw when first read, a NUL would be refused by PostgreSQL; both are 400 here.
    /// </summary>
    private static void RequireText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    RequireText(() => property.Name);
                    RequireText(property.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    RequireText(item);
                }
                break;
            case JsonValueKind.String:
                RequireText(element.GetString);
                break;
        }
    }

    private static void RequireText(Func<string?> read)
    {
        string? text;
        try
        {
            text = read();
        }
        catch (InvalidOperationException)
        {
            throw ScimException.InvalidSyntax("The body has a string with an unpaired surrogate escape.");
        }
        if (text?.Contains('\0', StringComparison.Ordinal) == true)
        {
            throw ScimException.InvalidSyntax("The body has a string with a NUL character.");
        }
    }

    private static ScimException NotAnObject() => ScimException.InvalidSyntax("The body must be a JSON object.");
}
