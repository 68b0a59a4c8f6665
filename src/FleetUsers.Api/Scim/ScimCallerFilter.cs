using System.Net.Http.Headers;
using System.Security.Claims;
using FleetUsers.Api.Auth;
using FleetUsers.Api.Http;
using FleetUsers.Application.Scim;
using FleetUsers.Domain;
using FleetUsers.Scim.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace FleetUsers.Api.Scim;

/// <summary>
/// Runs on every /scim/v2 request: finds the SCIM client of the bearer token (a long-lived SCIM
/// token, or an OAuth access token of a SCIM client), looked up on every request so a revoked
/// client is refused at once; then turns the application's refusals into SCIM error resources.
/// </summary>
public sealed class ScimCallerFilter(ScimClients clients) : IEndpointFilter
{
    private static readonly object Key = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await FindClientAsync(http) is not { } client)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(new ScimException(StatusCodes.Status401Unauthorized, null, "A SCIM client's bearer token is required."));
        }
        http.Items[Key] = client;
        try
        {
            return await next(context);
        }
        catch (Exception e) when (AsScimError(e, http.Request) is { } error)
        {
            return Error(error);
        }
    }

    /// <summary>The SCIM client of a /scim/v2 request.</summary>
    public static ScimClient Of(HttpContext context) =>
        context.Items[Key] as ScimClient ?? throw new InvalidOperationException("The SCIM caller filter did not run for this endpoint.");

    private async Task<ScimClient?> FindClientAsync(HttpContext http)
    {
        if (!AuthenticationHeaderValue.TryParse(http.Request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }
        if (header.Parameter.StartsWith(ScimTokens.Prefix, StringComparison.Ordinal))
        {
            return await clients.FindByTokenAsync(header.Parameter, http.RequestAborted);
        }
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        var principal = result.Principal;
        return result.Succeeded && principal is not null
            && Guid.TryParse(principal.FindFirstValue(TokenClaims.ClientId), out var clientId)
            && Guid.TryParse(principal.FindFirstValue(TokenClaims.Company), out var companyId)
            ? await clients.FindAsync(companyId, clientId, http.RequestAborted)
            : null;
    }

    /// <summary>
    /// The application's refusals as RFC 7644 §3.12 errors; the rest (503 busy or unavailable, 500)
    /// goes on to the service's own handler.
    /// </summary>
    private static ScimException? AsScimError(Exception exception, HttpRequest request) => exception switch
    {
        ScimException scim => scim,
        ValidationFailedException e => ScimException.InvalidValue(ScimNames.Translate(string.Join("; ", e.Problems))),
        NotFoundException e => ScimException.NotFound(string.Join("; ", e.Problems)),
        ConflictException e => ScimException.Uniqueness(ScimNames.Translate(string.Join("; ", e.Problems))),
        PreconditionFailedException e => ScimException.PreconditionFailed(e.Message),
        ForbiddenException => new ScimException(StatusCodes.Status403Forbidden, null,
            "The SCIM client does not administer every group of this resource."),
        // 413: a body over the limit. The framework's own messages may describe its internals: as the REST
        // handler does, the detail says only what the status means.
        BadHttpRequestException e => new ScimException(e.StatusCode, null,
            StatusCodeBodies.Message(e.StatusCode, request) ?? "The request could not be read."),
        _ => null,
    };

    private static ScimResult Error(ScimException error) => new(error.ToErrorResource(), error.Status);
}
