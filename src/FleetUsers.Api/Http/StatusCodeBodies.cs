using Microsoft.AspNetCore.Diagnostics;

namespace FleetUsers.Api.Http;

/// <summary>
/// Gives the framework's own bodiless errors (no such route, wrong method) the contract's
/// error body. 401 and 403 stay empty, as the contract says.
/// </summary>
public static class StatusCodeBodies
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var message = Message(http.Response.StatusCode, http.Request);
        return message is null ? Task.CompletedTask : ErrorResponses.WriteAsync(http, http.Response.StatusCode, message);
    }

    /// <summary>What an error of this status says when nothing more specific is known (null: no body).</summary>
    public static string? Message(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => "no resource at this path",
        StatusCodes.Status405MethodNotAllowed => $"method {request.Method} is not allowed here",
        StatusCodes.Status413PayloadTooLarge => "the body is larger than the service accepts",
        StatusCodes.Status415UnsupportedMediaType => "the body must be JSON",
        _ => null,
    };
}
