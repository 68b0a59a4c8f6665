namespace FleetUsers.Application.Auth;

/// <summary>
/// A test seam into <see cref="PasswordHashing"/>: work that runs while a hash holds its turn,
/// and after a password was checked (say, a reset landing between a login's check and its
/// write). The service registers none; tests register one on an instance of their own.
/// </summary>
public sealed class PasswordHashingHooks
{
    /// <summary>A hash has its place in the queue and is about to wait for its turn.</summary>
    public Action? Queued { get; init; }

    public Func<CancellationToken, Task>? WhileHashing { get; init; }

    public Func<CancellationToken, Task>? AfterVerifying { get; init; }
}
