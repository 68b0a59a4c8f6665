using System.Security.Claims;
using FleetUsers.Application.Auth;
using FleetUsers.Domain;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FleetUsers.Web.Auth;

/// <summary>What a sign-in came to, for the page to say.</summary>
public abstract record SignInResult
{
    public sealed record SignedIn : SignInResult;

    /// <summary>Wrong password, unknown user, or one who may not log in: the same answer for all.</summary>
    public sealed record Refused : SignInResult;

    /// <summary>Too many recent failures (the API's 429).</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SignInResult;

    /// <summary>The password-hash queue is full (the API's 503).</summary>
    public sealed record Busy(TimeSpan RetryAfter) : SignInResult;
}

/// <summary>
/// Signs a person in to the console with the service's own login (<see cref="LoginService"/>,
/// as POST /api/auth/user): the same throttle, hash queue, security stamp and first-password file.
/// A success becomes a cookie instead of a token.
/// </summary>
public sealed partial class ConsoleSignIn(LoginService logins, IDatabase database, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger("FleetUsers.Logins");

    public async Task<SignInResult> SignInAsync(HttpContext http, string username, string password)
    {
        LoginOutcome outcome;
        try
        {
            outcome = await logins.LoginAsync(username, password, http.Connection.RemoteIpAddress, http.RequestAborted);
        }
        catch (ServiceBusyException busy)
        {
            return new SignInResult.Busy(TimeSpan.FromSeconds(busy.Seconds));
        }
        switch (outcome)
        {
            case LoginOutcome.Succeeded { User: var user }:
                await http.SignInAsync(ConsoleAuth.Scheme, await PrincipalAsync(user, http.RequestAborted));
                SignedIn(_logger, user.UserId);
                return new SignInResult.SignedIn();
            case LoginOutcome.Throttled throttled:
                Throttled(_logger, (int)Math.Ceiling(throttled.RetryAfter.TotalSeconds));
                return new SignInResult.Throttled(throttled.RetryAfter);
            default:
                Refused(_logger);
                return new SignInResult.Refused();
        }
    }

    /// <summary>Who signed in; the company's name rides along (companies are never renamed), the rest is read per request.</summary>
    private async Task<ClaimsPrincipal> PrincipalAsync(AuthenticatedUser user, CancellationToken ct)
    {
        string? companyName;
        await using (var session = await database.BeginAsync(write: false, ct))
        {
            companyName = await session.Companies.NameAsync(user.CompanyId, ct);
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ConsoleAuth.SubjectClaim, user.UserId.ToString()),
            new Claim(ConsoleAuth.CompanyClaim, user.CompanyId.ToString()),
            new Claim(ConsoleAuth.CompanyNameClaim, companyName ?? ""),
            new Claim(ConsoleAuth.SecurityStampClaim, user.SecurityStamp),
        ], ConsoleAuth.Scheme, nameType: ConsoleAuth.SubjectClaim, roleType: null);
        return new ClaimsPrincipal(identity);
    }

    // As the API's login: the username typed is never logged (people type their password into it).
    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in succeeded for user {UserId}")]
    private static partial void SignedIn(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in refused")]
    private static partial void Refused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Console sign-in throttled: too many recent failures for the username or the address; retry after {RetryAfterSeconds} s")]
    private static partial void Throttled(ILogger logger, int retryAfterSeconds);
}
