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
    /// </summary>
    public static void MapConsoleSignOut(this IEndpointRouteBuilder app) =>
        app.MapPost(ConsoleAuth.SignOutPath, async (HttpContext http, [FromForm] string? signout) =>
            {
                await http.SignOutAsync(ConsoleAuth.Scheme);
                return Results.LocalRedirect(ConsoleAuth.SignInPath + "?signedOut=true");
            })
            .ExcludeFromDescription();
}
