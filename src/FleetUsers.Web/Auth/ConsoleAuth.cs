using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace FleetUsers.Web.Auth;

/// <summary>The console's cookie: names, paths and lifetime, in one place.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";

    public const string SignInPath = "/console/signin";
    public const string SignOutPath = "/console/signout";
    public const string ForbiddenPath = "/console/forbidden";

    /// <summary>A session ends after this long without a request; each request past half of it renews the cookie (sliding).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    // The claims the cookie carries; the rest is read from the database on every request.
    public const string SubjectClaim = "sub";
    public const string CompanyClaim = "company_id";
    public const string CompanyNameClaim = "company_name";
    public const string SecurityStampClaim = "security_stamp";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "fleetusers_console";
        options.Cookie.Path = "/console"; // never sent to the API, /docs or anything else
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure over HTTPS (X-Forwarded-Proto behind a proxy)
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = SignInPath;
        options.LogoutPath = SignOutPath;
        options.AccessDeniedPath = ForbiddenPath;
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ConsoleCaller.ValidateAsync;
    }

    /// <summary>Only a path of the console itself: never another site, nor a scheme-relative //host.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 }
        && returnUrl.StartsWith("/console", StringComparison.Ordinal)
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && Uri.IsWellFormedUriString(returnUrl, UriKind.Relative)
            ? returnUrl
            : "/console";
}
