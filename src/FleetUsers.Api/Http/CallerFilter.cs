using System.Security.Claims;
using FleetUsers.Api.Auth;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Access;

namespace FleetUsers.Api.Http;

/// <summary>
/// Runs on every /v1 request after the token was validated: looks its user (or API client)
/// up, so a user disabled or removed, or a client revoked, since the token was issued gets 401 at once,
/// and so does a token issued before the user's password changed (its security stamp is old).
/// </summary>
public sealed class CallerFilter(CallerDirectory callers, ILogger<CallerFilter> logger) : IEndpointFilter
{
    private static readonly object Key = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var principal = http.User;
        if (!Guid.TryParse(principal.FindFirstValue(TokenClaims.Subject), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(TokenClaims.Company), out var companyId)
            || await FindAsync(principal, companyId, userId, http.RequestAborted) is not { } caller)
        {
            return Results.Challenge();
        }
        http.Items[Key] = caller;
        // Whatever the request logs from here on names its caller.
        using (logger.BeginScope(new Dictionary<string, object> { ["CallerId"] = caller.ActorId, ["CallerType"] = caller.ActorType }))
        {
            return await next(context);
        }
    }

    /// <summary>
    /// A token with a client_id claim is an API client's (its subject is the client's id). A user's token
    /// must carry the user's current security stamp (none while it is empty).
    /// </summary>
    private Task<Caller?> FindAsync(ClaimsPrincipal principal, Guid companyId, Guid subject, CancellationToken ct) =>
        principal.HasClaim(c => c.Type == TokenClaims.ClientId)
            ? callers.FindActiveClientAsync(companyId, subject, ct)
            : callers.FindActiveAsync(companyId, subject, principal.FindFirstValue(TokenClaims.SecurityStamp) ?? "", ct);

    /// <summary>The caller of a /v1 request.</summary>
    public static Caller Of(HttpContext context) =>
        context.Items[Key] as Caller ?? throw new InvalidOperationException("The caller filter did not run for this endpoint.");
}
