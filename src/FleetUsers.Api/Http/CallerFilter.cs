using System.Security.Claims;
using FleetUsers.Api.Auth;
using FleetUsers.Application.Auth;
using FleetUsers.Domain.Access;

namespace FleetUsers.Api.Http;

/// <summary>
/// Runs on every /v1 request after the token was validated: looks its user (or API client)
/// up, so a user disabled or removed, or a client revoked, since the token was issued gets 401 at once,
/// and so does a token issued before the user's password changed (its security stamp is old).
/// <para>
/// On the endpoints marked <see cref="CallerCheckedWithFirstRead"/> a user read before is not read again: the
/// request owes a <see cref="CallerConfirmation"/> that its first statement sends (in the same round trip as its
/// first reads on PostgreSQL). When that finds the user changed, the endpoint ran no statement but that one, so
/// the user is read again and the endpoint runs again as the caller it is now.
/// </para>
/// </summary>
public sealed class CallerFilter(CallerDirectory callers, ILogger<CallerFilter> logger) : IEndpointFilter
{
    private static readonly object Key = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var principal = http.User;
        if (!Guid.TryParse(principal.FindFirstValue(TokenClaims.Subject), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(TokenClaims.Company), out var companyId))
        {
            return Results.Challenge();
        }
        if (principal.HasClaim(c => c.Type == TokenClaims.ClientId))
        {
            return await RunAsAsync(await callers.FindActiveClientAsync(companyId, userId, http.RequestAborted), context, next);
        }
        var stamp = principal.FindFirstValue(TokenClaims.SecurityStamp) ?? "";
        if (http.GetEndpoint()?.Metadata.GetMetadata<CallerCheckedWithFirstRead>() is null
            || callers.Remembered(companyId, userId, stamp) is not { } remembered)
        {
            return await RunAsAsync(await callers.FindActiveAsync(companyId, userId, stamp, http.RequestAborted), context, next);
        }

        // The body is read again if the endpoint has to run again.
        http.Request.EnableBuffering();
        CallerConfirmation.Current = remembered.Owed;
        object? result;
        try
        {
            result = await RunAsAsync(remembered.Caller, context, next);
        }
        catch (CallerChangedException)
        {
            CallerConfirmation.Current = null;
            http.Request.Body.Position = 0;
            return await RunAsAsync(await callers.FindActiveAsync(companyId, userId, stamp, http.RequestAborted), context, next);
        }
        catch when (!remembered.Owed.IsConfirmed)
        {
            // Refused before its first statement (bad input): the refusal is for a caller still active only.
            CallerConfirmation.Current = null;
            if (await callers.FindActiveAsync(companyId, userId, stamp, http.RequestAborted) is null)
            {
                return Results.Challenge();
            }
            throw;
        }
        finally
        {
            CallerConfirmation.Current = null;
        }
        // An endpoint that ran no statement confirmed nothing: its caller is read now.
        return remembered.Owed.IsConfirmed || await callers.FindActiveAsync(companyId, userId, stamp, http.RequestAborted) is not null
            ? result
            : Results.Challenge();
    }

    private async ValueTask<object?> RunAsAsync(Caller? caller, EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (caller is null)
        {
            return Results.Challenge();
        }
        context.HttpContext.Items[Key] = caller;
        // Whatever the request logs from here on names its caller.
        using (logger.BeginScope(new Dictionary<string, object> { ["CallerId"] = caller.ActorId, ["CallerType"] = caller.ActorType }))
        {
            return await next(context);
        }
    }

    /// <summary>The caller of a /v1 request.</summary>
    public static Caller Of(HttpContext context) =>
        context.Items[Key] as Caller ?? throw new InvalidOperationException("The caller filter did not run for this endpoint.");
}

/// <summary>
/// Endpoint metadata: the endpoint may start as a remembered caller (see <see cref="CallerFilter"/>), because it
/// does nothing before its first statement that it could not do again: it reads its body, and refuses bad input.
/// </summary>
public sealed class CallerCheckedWithFirstRead
{
    public static readonly CallerCheckedWithFirstRead Instance = new();
}
