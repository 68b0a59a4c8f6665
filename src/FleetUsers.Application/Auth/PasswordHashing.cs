using System.Diagnostics.Metrics;
using FleetUsers.Domain;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Salted, slow password hashes that carry their own parameters: the one place that hashes.
/// New hashes are Argon2id (<see cref="PasswordHashFormat"/>) at the cost of <see cref="Argon2Options"/>;
/// older PBKDF2 hashes are still verified and reported as needing a rehash. Hashes take turns,
/// at most one per processor at once: a burst of logins then queues here instead of crowding
/// every other request (and the database's own processes) off the processors, and the memory
/// of the hashes in flight stays at one Argon2 block per processor. Each
/// <see cref="HashPriority"/> has a queue of its own where at most
/// <see cref="HashQueueOptions.MaxQueuedHashes"/> may wait beyond one per processor; past that
/// a request is turned away at once (<see cref="ServiceBusyException"/>, 503) instead of
/// queueing without end. <see cref="HashPriority.First"/> gets free turns first, so a flood of
/// anonymous guesses fills only its own queue and keeps nobody who knows a password waiting.
/// </summary>
public sealed class PasswordHashing
{
    public const string MeterName = "FleetUsers.Passwords";
    public const string VerificationsCounter = "fleetusers.password.verifications";
    public const string TurnedAwayCounter = "fleetusers.password.turned_away";
    /// <summary>What a request turned away by a full queue is told to wait: about as long as the queue takes to move on.</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromSeconds(1);

    private readonly PasswordHashFormat _format;
    private readonly Counter<long> _verifications;
    private readonly Counter<long> _turnedAway;
    private readonly HashTurns _turns = new(Environment.ProcessorCount);
    private readonly int _maxPlaces;
    private readonly PasswordHashingHooks _hooks;
    private readonly int[] _places = new int[2]; // by HashPriority

    public PasswordHashing(IOptions<Argon2Options> options, IMeterFactory meters,
        IOptions<HashQueueOptions>? queue = null, PasswordHashingHooks? hooks = null)
    {
        _format = new PasswordHashFormat(options.Value.Checked());
        var meter = meters.Create(MeterName);
        // How many slow hashes logins cost; "hash" = "decoy" counts logins of names that have no password (unknown ones among them).
        _verifications = meter.CreateCounter<long>(VerificationsCounter, "{verification}", "Password hashes checked.");
        _turnedAway = meter.CreateCounter<long>(TurnedAwayCounter, "{request}", "Requests answered 503 because the password-hash queue was full.");
        _maxPlaces = Environment.ProcessorCount + (queue?.Value ?? new HashQueueOptions()).Checked().MaxQueuedHashes;
        _hooks = hooks ?? new PasswordHashingHooks();
        // Checked when a username is unknown, so that answer costs the same hash work as a wrong password
        // (an Argon2id hash at the configured cost, as every stored hash becomes at its next login).
        DecoyHash = _format.Hash(Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    }

    /// <summary>What a name without a password is checked against: made at start, at the configured cost.</summary>
    internal string DecoyHash { get; }

    /// <summary>
    /// A place in the queue, taken before a request does the work that leads to its hash (a login
    /// takes it in the step that counts its attempt), so a full queue turns it away before it
    /// changed anything. The hash gives it back; so does disposing it.
    /// </summary>
    public HashQueuePlace EnterQueue(HashPriority priority) => TryEnterQueue(priority) ?? throw TurnedAway(priority);

    /// <summary>A place in the queue, or null when it is full (not counted as turned away: nobody is refused).</summary>
    private HashQueuePlace? TryEnterQueue(HashPriority priority)
    {
        if (Interlocked.Increment(ref _places[(int)priority]) > _maxPlaces)
        {
            Interlocked.Decrement(ref _places[(int)priority]);
            return null;
        }
        return new HashQueuePlace(this, priority);
    }

    /// <summary>Throws as <see cref="EnterQueue"/> would if the queue is full now, without taking a place (a cheap early answer).</summary>
    public void RequireRoom(HashPriority priority)
    {
        if (Volatile.Read(ref _places[(int)priority]) >= _maxPlaces)
        {
            throw TurnedAway(priority);
        }
    }

    /// <summary>A new (Argon2id) hash of a password (one an authenticated caller or an operator sets, or a login's rehash): <see cref="HashPriority.First"/>.</summary>
    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        using var place = EnterQueue(HashPriority.First);
        return await InTurnAsync(place, () => _format.Hash(password), ct);
    }

    /// <summary>A hash of the password when the queue has room, otherwise null (for work that can wait: a rehash).</summary>
    public async Task<string?> HashIfRoomAsync(string password, CancellationToken ct)
    {
        using var place = TryEnterQueue(HashPriority.First);
        return place is null ? null : await InTurnAsync(place, () => _format.Hash(password), ct);
    }

    /// <summary>Checks the password against the stored hash (a decoy when there is none), <see cref="HashPriority.First"/>.</summary>
    public async Task<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken ct)
    {
        using var place = EnterQueue(HashPriority.First);
        return await VerifyAsync(place, storedHash, password, ct);
    }

    /// <summary>Checks the password against the stored hash (a decoy when there is none) in a place taken before.</summary>
    public async Task<PasswordCheck> VerifyAsync(HashQueuePlace place, string? storedHash, string password, CancellationToken ct)
    {
        var result = await InTurnAsync(place, () => _format.Verify(storedHash ?? DecoyHash, password), ct);
        _verifications.Add(1, new KeyValuePair<string, object?>("hash", storedHash is null ? "decoy" : "stored"));
        if (_hooks.AfterVerifying is { } hook)
        {
            await hook(ct);
        }
        return storedHash is null ? PasswordCheck.Wrong : result;
    }

    private ServiceBusyException TurnedAway(HashPriority priority)
    {
        _turnedAway.Add(1, new KeyValuePair<string, object?>("priority", priority == HashPriority.First ? "first" : "last"));
        return new ServiceBusyException(BusyRetryAfter);
    }

    internal void Leave(HashPriority priority) => Interlocked.Decrement(ref _places[(int)priority]);

    private async Task<T> InTurnAsync<T>(HashQueuePlace place, Func<T> hashing, CancellationToken ct)
    {
        try
        {
            _hooks.Queued?.Invoke();
            await _turns.WaitAsync(place.Priority, ct);
            try
            {
                if (_hooks.WhileHashing is { } hook)
                {
                    await hook(ct);
                }
                return hashing();
            }
            finally
            {
                _turns.Release();
            }
        }
        finally
        {
            place.Dispose(); // the place is given back as soon as its hash is done, not when its request ends
        }
    }
}

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
