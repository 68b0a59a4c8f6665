using System.Text;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Provisioning;

/// <summary>
/// Where start-up leaves the first administrator's generated password: a file only this account
/// may read (mode 600), named after the user, never the console, whose output log collectors
/// keep. It is removed at that user's first login or password change.
/// </summary>
public sealed class AdminPasswordFile(IOptions<BootstrapOptions> options, IDatabase database)
{
    private const string Extension = ".password";

    /// <summary><c>Bootstrap:PasswordDirectory</c>, else the SQLite database's directory, else <c>./data</c>.</summary>
    public string DirectoryPath { get; } = Path.GetFullPath(options.Value.PasswordDirectory is { Length: > 0 } configured ? configured
        : database.LocalDirectory ?? "data");

    public string PathFor(string username) => Path.Combine(DirectoryPath, username + Extension);

    /// <summary>Writes the password for the operator and returns where; a place that cannot be written stops the start.</summary>
    public string Write(string username, string password)
    {
        var path = PathFor(username);
        try
        {
            Directory.CreateDirectory(DirectoryPath);
            File.Delete(path); // a file left by an earlier database: the mode applies to new files only
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var writer = new StreamWriter(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), create);
            writer.WriteLine(password);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException(
                $"cannot write the administrator's generated password to {path} ({e.Message.TrimEnd('.')}): set Bootstrap__AdminPassword, or Bootstrap__PasswordDirectory to a directory this account may write", e);
        }
    }

    /// <summary>Removes the user's file, if there is one: the user logged in, or has another password now.</summary>
    public void Forget(string username)
    {
        if (username.IndexOfAny(['/', '\\']) >= 0)
        {
            return;
        }
        try
        {
            File.Delete(PathFor(username));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the operator to delete; it holds a password that no longer works.
        }
    }

    /// <summary>The users that have a file here.</summary>
    public IEnumerable<string> Usernames() =>
        Directory.Exists(DirectoryPath)
            ? Directory.EnumerateFiles(DirectoryPath, "*" + Extension).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList()
            : [];
}
