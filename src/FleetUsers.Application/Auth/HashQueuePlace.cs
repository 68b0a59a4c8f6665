namespace FleetUsers.Application.Auth;

/// <summary>A place in the password-hash queue of one priority; disposing gives it back (once).</summary>
public sealed class HashQueuePlace : IDisposable
{
    private PasswordHashing? _queue;

    internal HashQueuePlace(PasswordHashing queue, HashPriority priority)
    {
        _queue = queue;
        Priority = priority;
    }

    public HashPriority Priority { get; }

    public void Dispose() => Interlocked.Exchange(ref _queue, null)?.Leave(Priority);
}
