namespace FleetUsers.Application.Auth;

/// <summary>
/// A test seam into <see cref="PasswordHashing"/>: work that runs while a hash holds its turn,
/// and after a password was checked (say, a reset landing between a login's check and its
/// write). The service registers none; tests register one on an instance of their own.
/// </summary>
public sealed class PasswordHashingHooks
{
    public Func<CancellationToken, Task>? WhileHashing { get; init; }

    public Func<CancellationToken, Task>? AfterVerifying { get; init; }
}
