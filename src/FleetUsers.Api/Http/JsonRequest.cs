using System.Text.Json;
using FleetUsers.Domain;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FleetUsers.Api.Http;

/// <summary>Bound from <c>Limits:*</c>.</summary>
public sealed class RequestLimits
{
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// Reads a request body as a JSON document: 415 for a content type that is not JSON,
/// 413 for a body over the limit, 400 (naming the position) for text that is not JSON.
/// </summary>
public sealed class JsonRequest(IOptions<RequestLimits> limits)
{
    /// <summary>The media types a JSON body may declare (for the endpoints' Accepts metadata).</summary>
    public static readonly string[] MediaTypes = ["application/json", "text/json", "application/*+json"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public async Task<JsonDocument> ReadAsync(HttpRequest request)
    {
        if (!IsJson(request.ContentType))
        {
            throw new BadHttpRequestException("The body must be JSON.", StatusCodes.Status415UnsupportedMediaType);
        }
        using var buffer = await RequestBody.ReadAsync(request, limits.Value.MaxBodyBytes);
        try
        {
            return JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new ValidationFailedException([$"body is not valid JSON{where}"]);
        }
    }

    /// <summary>application/json, text/json and application/*+json, as the contract allows.</summary>
    public static bool IsJson(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }
        var type = media.MediaType.Value ?? "";
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Equals("text/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
