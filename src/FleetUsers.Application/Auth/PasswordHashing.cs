using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Salted, slow, versioned password hashes (ASP.NET Core Identity's PBKDF2 hasher). The
/// work factor comes from <see cref="PasswordHasherOptions.IterationCount"/>. Hashes take
/// turns, at most one per processor at once: a burst of logins then queues here instead of
/// crowding every other request (and the database's own processes) off the processors.
/// </summary>
public sealed class PasswordHashing
{
    public const string MeterName = "FleetUsers.Passwords";
    public const string VerificationsCounter = "fleetusers.password.verifications";
    /// <summary>PBKDF2 iterations unless Auth:PasswordHashIterations says otherwise (ASP.NET Core Identity's default).</summary>
    public const int DefaultIterations = 100_000;

    private static readonly object Nobody = new();
    private readonly PasswordHasher<object> _hasher;
    private readonly string _decoyHash;
    private readonly Counter<long> _verifications;
    private readonly SemaphoreSlim _turns = new(Environment.ProcessorCount);

    public PasswordHashing(IOptions<PasswordHasherOptions> options, IMeterFactory meters)
    {
        _hasher = new PasswordHasher<object>(options);
        // How many slow hashes logins cost; "hash" = "decoy" counts logins of names that have no password (unknown ones among them).
        _verifications = meters.Create(MeterName).CreateCounter<long>(VerificationsCounter, "{verification}", "Password hashes checked.");
        // Checked when a username is unknown, so that answer costs the same hash work as a wrong password.
        _decoyHash = _hasher.HashPassword(Nobody, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    }

    public Task<string> HashAsync(string password, CancellationToken ct) =>
        InTurnAsync(() => _hasher.HashPassword(Nobody, password), ct);

    public async Task<PasswordCheck> VerifyAsync(string? storedHash, string password, CancellationToken ct)
    {
        var result = await InTurnAsync(() => _hasher.VerifyHashedPassword(Nobody, storedHash ?? _decoyHash, password), ct);
        _verifications.Add(1, new KeyValuePair<string, object?>("hash", storedHash is null ? "decoy" : "stored"));
        return storedHash is null ? PasswordCheck.Wrong : result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Right,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButRehash,
            _ => PasswordCheck.Wrong,
        };
    }

    private async Task<T> InTurnAsync<T>(Func<T> hashing, CancellationToken ct)
    {
        await _turns.WaitAsync(ct);
        try
        {
            return hashing();
        }
        finally
        {
            _turns.Release();
        }
    }
}

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
