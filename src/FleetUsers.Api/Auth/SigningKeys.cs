using System.Security.Cryptography;
using System.Text;
using FleetUsers.Application;
using FleetUsers.Application.Ports;
using Microsoft.IdentityModel.Tokens;

namespace FleetUsers.Api.Auth;

/// <summary>Where the token signing key comes from: configuration, or a file kept beside a database that is a local file (SQLite).</summary>
public static class SigningKeys
{
    public const int MinimumKeyBytes = 32;
    private const string KeyFileName = "signing-key";

    public static SymmetricSecurityKey Resolve(AuthOptions auth, IDatabase database)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey))
        {
            return FromConfiguration(auth.SigningKey);
        }
        if (database.LocalDirectory is { } directory)
        {
            return FromKeyFile(directory);
        }
        throw new StartupException(
            $"Auth:SigningKey is required with {database.Name} (every instance must sign and check tokens with the same key): set Auth__SigningKey to the same secret on every instance, e.g. the output of openssl rand -base64 48");
    }

    public static SymmetricSecurityKey FromConfiguration(string configured, string setting = "Auth:SigningKey")
    {
        var bytes = TryBase64(configured) ?? Encoding.UTF8.GetBytes(configured);
        if (bytes.Length < MinimumKeyBytes)
        {
            throw new StartupException(
                $"{setting} must hold at least {MinimumKeyBytes} bytes (base64) or characters: set {StartupException.Variable(setting)} to a longer secret, e.g. the output of openssl rand -base64 48");
        }
        // The key id lets a token name the key that signed it; it is a hash, so it tells nothing of the key.
        return new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
    }

    /// <summary>Every key a token may be signed with: the current one, then the previous ones (validation only).</summary>
    public static IReadOnlyList<SecurityKey> ForValidation(SymmetricSecurityKey current, AuthOptions auth) =>
        [current, .. auth.PreviousSigningKeys
            .Where(k => !string.IsNullOrWhiteSpace(k))
            .Select((k, i) => FromConfiguration(k.Trim(), $"Auth:PreviousSigningKeys:{i}"))];

    /// <summary>The embedded default: 64 random bytes, made on first start, readable by the owner only.</summary>
    private static SymmetricSecurityKey FromKeyFile(string directory)
    {
        var path = Path.Combine(directory, KeyFileName);
        try
        {
            return FromConfiguration(ReadOrCreate(directory, path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"cannot keep the signing key in {path} ({e.Message.TrimEnd('.')}): set ConnectionStrings__Users to a database in a directory this account may write, or Auth__SigningKey", e);
        }
    }

    private static string ReadOrCreate(string directory, string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(directory);
            var created = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var writer = new StreamWriter(path, Encoding.ASCII, options);
                writer.Write(created);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        return File.ReadAllText(path).Trim();
    }

    private static byte[]? TryBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }
}
