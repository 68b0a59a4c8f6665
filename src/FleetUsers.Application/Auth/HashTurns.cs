namespace FleetUsers.Application.Auth;

/// <summary>
/// Turns at the processors for password hashes, one per processor at once, like a semaphore;
/// but a waiter of <see cref="HashPriority.First"/> gets the next free turn before any waiter of
/// <see cref="HashPriority.Last"/>, so a flood of anonymous guesses cannot keep the others waiting.
/// </summary>
internal sealed class HashTurns(int turns)
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _first = new();
    private readonly Queue<TaskCompletionSource> _last = new();
    private int _free = turns;

    public async Task WaitAsync(HashPriority priority, CancellationToken ct)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            if (_free > 0)
            {
                _free--;
                return;
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (priority == HashPriority.First ? _first : _last).Enqueue(waiter);
        }
        // A waiter that gives up is cancelled where it stands; Release passes over it.
        await using (ct.Register(() => waiter.TrySetCanceled(ct)))
        {
            await waiter.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            while (_first.TryDequeue(out var waiter) || _last.TryDequeue(out waiter))
            {
                if (waiter.TrySetResult())
                {
                    return; // the turn passes straight to it
                }
            }
            _free++;
        }
    }
}

/// <summary>Who goes first for a hash turn, and whose share of the queue a hash takes.</summary>
public enum HashPriority
{
    /// <summary>Work a stranger cannot cause: a login or client from an address where it proved its credential lately, or a password set by an authenticated caller or an operator.</summary>
    First,

    /// <summary>An anonymous credential check from an address where that name has not proved its credential lately: what a flood of guesses is made of.</summary>
    Last,
}
