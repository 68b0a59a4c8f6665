using System.Security.Cryptography;
using System.Text;
using Geralt;
using Microsoft.AspNetCore.Identity;

namespace FleetUsers.Application.Auth;

/// <summary>
/// The algorithms behind <see cref="PasswordHashing"/>. New hashes are Argon2id through libsodium, as PHC strings
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>) that carry their own parameters. Hashes made before it (ASP.NET
/// Core Identity's PBKDF2 format, which carries its own iteration count) are still verified, and always reported as
/// needing a rehash; so is an Argon2id hash made with other parameters than the configured ones.
/// </summary>
internal sealed class PasswordHashFormat(Argon2Options options)
{
    private const string Argon2idPrefix = "$argon2id$";
    private static readonly object Nobody = new();
    private static readonly PasswordHasher<object> Pbkdf2 = new();
    private readonly int _iterations = options.Iterations;
    private readonly int _memoryBytes = options.MemoryKib * 1024;

    public string Hash(string password)
    {
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            Span<char> encoded = stackalloc char[Argon2id.HashSize];
            Argon2id.ComputeHash(encoded, bytes, _iterations, _memoryBytes);
            return new string(encoded.TrimEnd('\0')); // libsodium pads the string with NULs
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public PasswordCheck Verify(string hash, string password)
    {
        if (!hash.StartsWith(Argon2idPrefix, StringComparison.Ordinal))
        {
            return Pbkdf2.VerifyHashedPassword(Nobody, hash, password) == PasswordVerificationResult.Failed
                ? PasswordCheck.Wrong
                : PasswordCheck.RightButRehash;
        }
        var bytes = Encoding.UTF8.GetBytes(password);
        try
        {
            if (!Argon2id.VerifyHash(hash, bytes))
            {
                return PasswordCheck.Wrong;
            }
            return Argon2id.NeedsRehash(hash, _iterations, _memoryBytes) ? PasswordCheck.RightButRehash : PasswordCheck.Right;
        }
        catch (ArgumentException)
        {
            return PasswordCheck.Wrong; // not a string libsodium can read (too long, too short): nothing matches it
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
