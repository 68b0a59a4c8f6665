using FleetUsers.Domain.Access;

namespace FleetUsers.Application.Auth;

/// <summary>Bound from <c>Login:*</c>: how many failed logins are allowed per username and per client address within the window.</summary>
public sealed class LoginThrottleOptions
{
    public int MaxFailuresPerUsername { get; set; } = LoginThrottle.Default.MaxFailuresPerUsername;

    public int MaxFailuresPerAddress { get; set; } = LoginThrottle.Default.MaxFailuresPerAddress;

    public TimeSpan FailureWindow { get; set; } = LoginThrottle.Default.Window;

    public LoginThrottle ToThrottle() =>
        MaxFailuresPerUsername < 1 || MaxFailuresPerAddress < 1 || FailureWindow <= TimeSpan.Zero
            ? throw new InvalidOperationException("Login:MaxFailuresPerUsername and Login:MaxFailuresPerAddress must be at least 1, Login:FailureWindow positive.")
            : new LoginThrottle(MaxFailuresPerUsername, MaxFailuresPerAddress, FailureWindow);
}
