namespace FleetUsers.Api.Auth;

/// <summary>
/// Whether a token is within its lifetime, by the service's own clock (the TimeProvider it
/// runs with, so tests can move time), not the library's reading of the system clock.
/// </summary>
public static class TokenLifetime
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>A token must say when it expires; it is current from not-before to expiry, give or take the skew.</summary>
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTimeOffset now) =>
        expires is { } end
        && now.UtcDateTime <= end.ToUniversalTime() + ClockSkew
        && (notBefore is not { } start || now.UtcDateTime >= start.ToUniversalTime() - ClockSkew);
}
