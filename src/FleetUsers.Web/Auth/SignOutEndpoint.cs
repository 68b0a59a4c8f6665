using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FleetUsers.Web.Auth;

public static class SignOutEndpoint
{
    /// <summary>
    /// POST only, from the header's form with its antiforgery token (the framework refuses a post without
    /// one: 400), so another site cannot sign a person out. Removes the cookie and shows the sign-in page.
    /// It needs the console's session: the token was issued to the signed-in person, and the request's
    /// user is the cookie's only once the console's policy has authenticated it (the host's default
    /// scheme is the API's bearer token).
    /// </summary>
    public static void MapConsoleSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost(ConsoleAuth.SignOutPath, async (HttpContext http, [FromForm] string? signout) =>
            {
                await http.SignOutAsync(ConsoleAuth.Scheme);
                return Results.LocalRedirect(ConsoleAuth.SignInPath + "?signedOut=true");
            })
            .RequireAuthorization(ConsolePolicies.SignedIn)
            .ExcludeFromDescription();
}
