using System.Security.Claims;
using FleetUsers.Application.Auth;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace FleetUsers.Web.Auth;

/// <summary>
/// Resolves the signed-in person on every console request exactly as the API resolves a bearer
/// token's caller (<see cref="CallerDirectory"/>, the same read): a user disabled, deactivated or
/// deleted, or whose password changed (a new security stamp), since the cookie was issued ends the
/// session at its next request, which is sent to the sign-in page with the cookie removed.
/// </summary>
public static class ConsoleCaller
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        var principal = context.Principal;
        var ct = http.RequestAborted;
        var callers = http.RequestServices.GetRequiredService<CallerDirectory>();
        if (principal is null
            || !Guid.TryParse(principal.FindFirstValue(ConsoleAuth.SubjectClaim), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(ConsoleAuth.CompanyClaim), out var companyId)
            || await callers.FindActiveAsync(companyId, userId, principal.FindFirstValue(ConsoleAuth.SecurityStampClaim) ?? "", ct) is not { } caller)
        {
            context.RejectPrincipal();
            await http.SignOutAsync(ConsoleAuth.Scheme);
            return;
        }
        var database = http.RequestServices.GetRequiredService<IDatabase>();
        await using var session = await database.BeginAsync(write: false, ct);
        var tree = await session.Groups.LoadTreeAsync(companyId, ct);
        http.RequestServices.GetRequiredService<ConsoleSession>()
            .SignedIn(caller, principal.FindFirstValue(ConsoleAuth.CompanyNameClaim) ?? "", tree);
    }
}
