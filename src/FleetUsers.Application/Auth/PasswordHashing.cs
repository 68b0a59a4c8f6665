using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Auth;

/// <summary>
/// Salted, slow, versioned password hashes (ASP.NET Core Identity's PBKDF2 hasher). The
/// work factor comes from <see cref="PasswordHasherOptions.IterationCount"/>.
/// </summary>
public sealed class PasswordHashing
{
    /// <summary>PBKDF2 iterations unless Auth:PasswordHashIterations says otherwise (ASP.NET Core Identity's default).</summary>
    public const int DefaultIterations = 100_000;

    private static readonly object Nobody = new();
    private readonly PasswordHasher<object> _hasher;
    private readonly string _decoyHash;

    public PasswordHashing(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<object>(options);
        // Checked when a username is unknown, so that answer costs the same hash work as a wrong password.
        _decoyHash = _hasher.HashPassword(Nobody, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
    }

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    public PasswordCheck Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, storedHash ?? _decoyHash, password);
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
