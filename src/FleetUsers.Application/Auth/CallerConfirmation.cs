namespace FleetUsers.Application.Auth;

/// <summary>
/// What a request owes before it may act as a remembered caller (<see cref="CallerDirectory.Remembered"/>): proof
/// that the user's row still has the version and security stamp the caller was read with. Any change that could
/// matter (roles, name, disabling, a password change, deletion) moves one or the other.
/// <para>
/// The request's first session to run a statement sends the proof with it: on PostgreSQL in the same round trip
/// as the use case's first reads. So a remembered caller costs no round trip of its own, and a revocation still
/// takes effect on the very next request, on every instance.
/// </para>
/// </summary>
public sealed class CallerConfirmation(Guid companyId, Guid userId, string securityStamp, int version)
{
    private static readonly AsyncLocal<CallerConfirmation?> Owed = new();

    private const int Pending = 0, Sent = 1, Confirmed = 2;
    private int _state;

    /// <summary>The confirmation the current request owes, if any (set by the HTTP layer around the endpoint).</summary>
    public static CallerConfirmation? Current
    {
        get => Owed.Value;
        set => Owed.Value = value;
    }

    public Guid CompanyId { get; } = companyId;

    public Guid UserId { get; } = userId;

    public string SecurityStamp { get; } = securityStamp;

    /// <summary>The user's version when the caller was read.</summary>
    public int Version { get; } = version;

    /// <summary>True once, for the session that sends the proof: the request's first to run a statement.</summary>
    public bool TakeToSend() => Interlocked.CompareExchange(ref _state, Sent, Pending) == Pending;

    /// <summary>
    /// The answer: the user's version now, or null when no row has this id, company and security stamp any more.
    /// Anything but the remembered version throws <see cref="CallerChangedException"/>.
    /// </summary>
    public void Settle(int? versionNow)
    {
        if (versionNow != Version)
        {
            throw new CallerChangedException();
        }
        Volatile.Write(ref _state, Confirmed);
    }

    /// <summary>Whether a statement of this request confirmed the caller (false when none ran, or it failed).</summary>
    public bool IsConfirmed => Volatile.Read(ref _state) == Confirmed;
}

/// <summary>
/// A remembered caller's user changed since it was read (or is gone, or has a new security stamp): the request
/// must read its caller again. Thrown by the request's first statement, so the request has written nothing.
/// </summary>
public sealed class CallerChangedException() : Exception("The caller's user changed since it was remembered");
