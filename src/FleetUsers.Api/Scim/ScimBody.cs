using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Api.Http;
using FleetUsers.Scim.Errors;
using Microsoft.Extensions.Options;

namespace FleetUsers.Api.Scim;

/// <summary>A body a SCIM endpoint refuses before reading it (415, 400 invalidSyntax).</summary>
public sealed class ScimBodyException(ScimException error) : Exception(error.Detail)
{
    public ScimException Error { get; } = error;
}

/// <summary>Reads a SCIM request body: application/scim+json (or any JSON type), within the body limit, as a JSON object.</summary>
public sealed class ScimBody(IOptions<RequestLimits> limits)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public async Task<JsonObject> ReadAsync(HttpRequest request)
    {
        if (!JsonRequest.IsJson(request.ContentType))
        {
            throw new ScimBodyException(new ScimException(StatusCodes.Status415UnsupportedMediaType, null,
                "The body must be application/scim+json."));
        }
        using var buffer = await RequestBody.ReadAsync(request, limits.Value.MaxBodyBytes);
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
            return JsonObject.Create(document.RootElement.Clone()) ?? throw NotAnObject();
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new ScimBodyException(ScimException.InvalidSyntax($"The body is not valid JSON{where}."));
        }
        catch (InvalidOperationException)
        {
            throw NotAnObject();
        }
        catch (ArgumentException)
        {
            // JsonObject refuses a key given twice.
            throw new ScimBodyException(ScimException.InvalidSyntax("The body has a member given twice."));
        }
    }

    private static ScimBodyException NotAnObject() => new(ScimException.InvalidSyntax("The body must be a JSON object."));
}
