using FleetUsers.Api.Http;
using FleetUsers.Application.Auth;
using FleetUsers.Domain;

namespace FleetUsers.Api.Auth;

public sealed record LoginRequest(string Username, string Password);

public sealed record LoginResponse(string AccessToken, string TokenType, int ExpiresIn);

public static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/auth/user", LoginAsync)
            .WithTags("Authentication")
            .WithSummary("Log in with a username and password; returns a bearer token.")
            .Accepts<LoginRequest>(JsonRequest.MediaTypes[0], JsonRequest.MediaTypes[1..])
            .Produces<LoginResponse>()
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status401Unauthorized)
            .AllowAnonymous();
    }

    /// <summary>A wrong password, an unknown username and a user who may not log in all get the same empty 401.</summary>
    private static async Task<IResult> LoginAsync(HttpContext http, JsonRequest json, LoginService logins, TokenIssuer tokens)
    {
        using var document = await json.ReadAsync(http.Request);
        var problems = new List<string>();
        var body = new JsonObjectReader(document.RootElement, problems);
        var username = body.String("username", Presence.Required);
        var password = body.String("password", Presence.Required);
        body.RejectUnknown();
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        var user = await logins.LoginAsync(username!, password!, http.RequestAborted);
        if (user is null)
        {
            return Results.Unauthorized();
        }
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new LoginResponse(tokens.Issue(user), "Bearer", (int)tokens.Lifetime.TotalSeconds));
    }
}
