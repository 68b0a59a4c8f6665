using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Salted, slow, versioned password hashes (ASP.NET Core Identity's PBKDF2 hasher). The
/// work factor comes from <see cref="PasswordHasherOptions.IterationCount"/>.
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

    public PasswordHashing(IOptions<PasswordHasherOptions> options, IMeterFactory meters)
    {
        _hasher = new PasswordHasher<object>(options);
        // How many slow hashes logins cost; "hash" = "decoy" counts logins of names that have no password (unknown ones among them).
        _verifications = meters.Create(MeterName).CreateCounter<long>(VerificationsCounter, "{verification}", "Password hashes checked.");
        // Checked when a username is unknown, so that answer costs the same hash work as a wrong password.
        _decoyHash = _hasher.HashPassword(Nobody, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    }

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public PasswordCheck Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, storedHash ?? _decoyHash, password);
        _verifications.Add(1, new KeyValuePair<string, object?>("hash", storedHash is null ? "decoy" : "stored"));
        return storedHash is null ? PasswordCheck.Wrong : result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Right,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.RightButRehash,
            _ => PasswordCheck.Wrong,
        };
    }
}

public enum PasswordCheck
{
    Wrong,
    Right,
    RightButRehash,
}
