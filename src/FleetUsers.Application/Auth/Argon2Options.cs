namespace FleetUsers.Application.Auth;

/// <summary>
/// Bound from <c>Auth:Argon2MemoryKib</c> and <c>Auth:Argon2Iterations</c>: the cost of a new password hash
/// (Argon2id, one lane). The defaults are OWASP's minimum for Argon2id (19 MiB, 2 passes).
/// </summary>
public sealed class Argon2Options
{
    public const int DefaultMemoryKib = 19_456;
    public const int DefaultIterations = 2;

    /// <summary>libsodium's floor (8 KiB, one pass), and the most memory its binding takes (an int of bytes).</summary>
    public const int MinMemoryKib = 8;
    public const int MaxMemoryKib = int.MaxValue / 1024;

    public int MemoryKib { get; set; } = DefaultMemoryKib;

    public int Iterations { get; set; } = DefaultIterations;

    internal Argon2Options Checked() =>
        MemoryKib is < MinMemoryKib or > MaxMemoryKib
            ? throw new InvalidOperationException(
                $"Auth:Argon2MemoryKib is {MemoryKib}, which is not between {MinMemoryKib} and {MaxMemoryKib}: set Auth__Argon2MemoryKib to the KiB of memory one password hash takes (default {DefaultMemoryKib})")
            : Iterations < 1
                ? throw new InvalidOperationException(
                    $"Auth:Argon2Iterations is {Iterations}, which is not 1 or more: set Auth__Argon2Iterations to the passes of one password hash (default {DefaultIterations})")
                : this;
}
