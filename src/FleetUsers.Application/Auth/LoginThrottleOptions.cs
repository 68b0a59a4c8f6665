using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Bound from <c>Login:*</c>: how many failed attempts are allowed per username (or API client id) at one client
/// address, per username from all addresses, and per client address, within the window; and how long a successful
/// login from an address spares it the wide limits. User logins and client-credentials requests share them.
/// </summary>
public sealed class LoginThrottleOptions
{
    public int MaxFailuresPerUsernameAndAddress { get; set; } = LoginThrottle.Default.MaxFailuresPerNameAndAddress;

    public int MaxFailuresPerUsername { get; set; } = LoginThrottle.Default.MaxFailuresPerName;

    public int MaxFailuresPerAddress { get; set; } = LoginThrottle.Default.MaxFailuresPerAddress;

    public TimeSpan FailureWindow { get; set; } = LoginThrottle.Default.Window;

    public TimeSpan KnownAddressLifetime { get; set; } = LoginThrottle.Default.KnownAddressLifetime;

    public LoginThrottle ToThrottle() =>
        MaxFailuresPerUsernameAndAddress < 1 || MaxFailuresPerUsername < 1 || MaxFailuresPerAddress < 1
            || FailureWindow <= TimeSpan.Zero || KnownAddressLifetime < TimeSpan.Zero
            ? throw new InvalidOperationException("Login:MaxFailuresPerUsernameAndAddress, Login:MaxFailuresPerUsername and "
                + "Login:MaxFailuresPerAddress must be at least 1, Login:FailureWindow positive, Login:KnownAddressLifetime not negative.")
            : new LoginThrottle(MaxFailuresPerUsernameAndAddress, MaxFailuresPerUsername, MaxFailuresPerAddress, FailureWindow, KnownAddressLifetime);
}
