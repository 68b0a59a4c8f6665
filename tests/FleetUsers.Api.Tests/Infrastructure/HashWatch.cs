using FleetUsers.Application.Auth;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>
/// Watches the password hashes of one instance (give <see cref="Hooks"/> to a sibling): counts
/// them, and on <see cref="Hold"/> keeps each one in its turn until <see cref="Release"/>.
/// </summary>
public sealed class HashWatch
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _queued;
    private int _hashes;
    private bool _holding;

    public HashWatch() => Hooks = new PasswordHashingHooks { Queued = () => Interlocked.Increment(ref _queued), WhileHashing = WhileHashingAsync };

    public PasswordHashingHooks Hooks { get; }

    /// <summary>Hashes started (checks of a password or secret, and new hashes alike).</summary>
    public int Hashes => Volatile.Read(ref _hashes);

    public void Hold() => _holding = true;

    public void Release() => _released.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> hashes have started (and, when held, are in their turn).</summary>
    public Task WaitForHashesAsync(int count) => WaitUntilAsync(() => Hashes >= count);

    /// <summary>Waits until at least <paramref name="count"/> hashes were let into the queue (running or waiting for a turn).</summary>
    public Task WaitForQueuedAsync(int count) => WaitUntilAsync(() => Volatile.Read(ref _queued) >= count);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private async Task WhileHashingAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _hashes);
        if (_holding)
        {
            await _released.Task.WaitAsync(ct);
        }
    }
}
