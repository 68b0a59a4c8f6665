using System.Text;
using System.Text.Json.Nodes;
using FleetUsers.Scim;

namespace FleetUsers.Api.Scim;

/// <summary>A SCIM response: a JSON document as application/scim+json, with its ETag and Location when it is a resource.</summary>
public sealed class ScimResult(JsonNode? body, int status = StatusCodes.Status200OK) : IResult
{
    public string? ETag { get; init; }
    public string? Location { get; init; }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (ETag is not null) response.Headers.ETag = ETag;
        if (Location is not null) response.Headers.Location = Location;
        if (body is null) return;
        response.ContentType = ScimMediaType.Value + "; charset=utf-8";
        await response.WriteAsync(body.ToJsonString(), Encoding.UTF8, httpContext.RequestAborted);
    }
}
