namespace FleetUsers.Api.Http;

/// <summary>Reads a request body into memory, answering 413 as soon as it passes the limit (declared or sent).</summary>
public static class RequestBody
{
    public static async Task<MemoryStream> ReadAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge();
        }
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer;
    }

    private static BadHttpRequestException TooLarge() =>
        new("The body is too large.", StatusCodes.Status413PayloadTooLarge);
}

/// <summary>A body of a media type the endpoint does not read; the message (ours, not the framework's) says which it reads.</summary>
public sealed class MediaTypeRefusedException(string message) : BadHttpRequestException(message, StatusCodes.Status415UnsupportedMediaType);
