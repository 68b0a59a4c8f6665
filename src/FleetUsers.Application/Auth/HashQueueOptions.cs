namespace FleetUsers.Application.Auth;

/// <summary>Bound from <c>Auth:MaxQueuedHashes</c>: how many password hashes may wait for a turn beyond the one per processor that run.</summary>
public sealed class HashQueueOptions
{
    public const int DefaultMaxQueuedHashes = 32;

    public int MaxQueuedHashes { get; set; } = DefaultMaxQueuedHashes;

    internal HashQueueOptions Checked() =>
        MaxQueuedHashes < 0 ? throw new InvalidOperationException("Auth:MaxQueuedHashes must be 0 or more.") : this;
}
