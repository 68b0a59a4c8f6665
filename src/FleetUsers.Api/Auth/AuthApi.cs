using FleetUsers.Api.Http;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Clients;
using FleetUsers.Domain;

namespace FleetUsers.Api.Auth;

/// <summary>The login body, declared once: the handler reads it by this shape and the OpenAPI document shows it.</summary>
public static class LoginRequest
{
    public static readonly BodyShape Shape = new("LoginRequest", null,
    [
        new("username", JsonKind.String, Presence.Required),
        new("password", JsonKind.String, Presence.Required),
    ]);
}

public sealed record LoginResponse(string AccessToken, string TokenType, int ExpiresIn);

public static partial class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/user", LoginAsync)
            .WithTags("Authentication")
            .WithSummary("Log in with a username and password; returns a bearer token.")
            .AcceptsJson(LoginRequest.Shape)
            .Produces<LoginResponse>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous();

        app.MapPost("/api/auth/token", ClientCredentialsAsync)
            .WithTags("Authentication")
            .WithSummary("OAuth 2.0 client credentials: an API client's id and secret (form or HTTP Basic) for a bearer token.")
            .WithDescription("Body: application/x-www-form-urlencoded grant_type=client_credentials, client_id, client_secret "
                + "(or the id and secret as HTTP Basic). Errors follow RFC 6749 §5.2. Any other body answers 400 invalid_request, "
                + "so the endpoint declares no request media type (which would turn that into 415).")
            .Produces<OAuthTokenResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized)
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests)
            .Produces<ErrorBody>(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .AllowAnonymous();
    }

    /// <summary>
    /// RFC 6749 §4.4 and §5: 200 with the token; 400 invalid_request or unsupported_grant_type;
    /// 401 invalid_client (with WWW-Authenticate: Basic) for an unknown id, a wrong secret or a revoked client.
    /// Throttled like a user's login: 429 with Retry-After (the service's error body, as for a login).
    /// </summary>
    private static async Task<IResult> ClientCredentialsAsync(HttpContext http, ApiClientService clients, TokenIssuer tokens, ILoggerFactory loggers)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        var (request, error) = await ClientCredentialsRequest.ReadAsync(http.Request);
        AuthenticatedClient? client;
        try
        {
            client = request is null ? null
                : await clients.AuthenticateAsync(request.ClientId, request.ClientSecret, http.Connection.RemoteIpAddress, http.RequestAborted);
        }
        catch (TooManyAttemptsException refusal)
        {
            ClientThrottled(loggers.CreateLogger("FleetUsers.Logins"), refusal.Seconds);
            throw;
        }
        if (client is null)
        {
            error ??= new OAuthError(OAuthError.InvalidClient, "the client is unknown, revoked, or its secret is wrong");
            if (error.Error == OAuthError.InvalidClient)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"FleetUsers\"";
                return Results.Json(error, statusCode: StatusCodes.Status401Unauthorized);
            }
            return Results.Json(error, statusCode: StatusCodes.Status400BadRequest);
        }
        return TypedResults.Ok(new OAuthTokenResponse(tokens.Issue(client), "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }

    /// <summary>
    /// A wrong password, an unknown username and a user who may not log in all get the same empty 401;
    /// too many recent failures (see <see cref="CredentialThrottle"/>) get 429 with Retry-After; a full hash queue 503.
    /// </summary>
    private static async Task<IResult> LoginAsync(HttpContext http, JsonRequest json, LoginService logins, TokenIssuer tokens, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("FleetUsers.Logins");
        using var document = await json.ReadAsync(http.Request);
        var problems = new List<string>();
        var body = new JsonObjectReader(document.RootElement, problems);
        var sent = body.Read(LoginRequest.Shape);
        body.RejectUnknown();
        var (username, password) = (sent.String("username"), sent.String("password"));
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        var outcome = await logins.LoginAsync(username!, password!, http.Connection.RemoteIpAddress, http.RequestAborted);
        switch (outcome)
        {
            case LoginOutcome.Succeeded success:
                LoggedIn(logger, success.User.UserId);
                http.Response.Headers.CacheControl = "no-store";
                return TypedResults.Ok(new LoginResponse(tokens.Issue(success.User), "Bearer", (int)tokens.Lifetime.TotalSeconds));
            case LoginOutcome.Throttled throttled:
                var refusal = new TooManyAttemptsException(throttled.RetryAfter);
                Throttled(logger, refusal.Seconds);
                throw refusal;
            default:
                Refused(logger);
                return Results.Unauthorized();
        }
    }

    // The username typed is never logged: people type their password into it by mistake.
    [LoggerMessage(Level = LogLevel.Information, Message = "Login succeeded for user {UserId}")]
    private static partial void LoggedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Login refused")]
    private static partial void Refused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login throttled: too many recent failures for the username or the address; retry after {RetryAfterSeconds} s")]
    private static partial void Throttled(ILogger logger, int retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client credentials throttled: too many recent failures for the client id or the address; retry after {RetryAfterSeconds} s")]
    private static partial void ClientThrottled(ILogger logger, int retryAfterSeconds);
}
