using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Auth;

public static class AuthSetup
{
    /// <summary>Bearer tokens: signed by us with HMAC-SHA256, checked by JwtBearer on every /v1 request.</summary>
    public static IServiceCollection AddFleetUsersAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AuthOptions>>().Value);
        services.AddSingleton(sp => new SigningCredentials(
            SigningKeys.Resolve(sp.GetRequiredService<AuthOptions>(), sp.GetRequiredService<IDatabase>()),
            SecurityAlgorithms.HmacSha256));
        services.AddSingleton<TokenIssuer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningCredentials, AuthOptions, TimeProvider>((jwt, signing, auth, clock) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKeys = SigningKeys.ForValidation((SymmetricSecurityKey)signing.Key, auth),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    RequireSignedTokens = true,
                    RequireExpirationTime = true,
                    ClockSkew = TokenLifetime.ClockSkew,
                    LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(notBefore, expires, clock.GetUtcNow()),
                };
            });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Reads the keys now, so a key that is too short stops the start rather than the first request.</summary>
    public static void CheckSigningKeys(this IServiceProvider services) =>
        _ = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
}
