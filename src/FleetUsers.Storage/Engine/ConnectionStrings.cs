using FleetUsers.Application;

namespace FleetUsers.Storage.Engine;

public static class ConnectionStrings
{
    /// <summary>The connection string, parsed by the engine's own builder; a malformed one stops the start naming the setting.</summary>
    public static T Parse<T>(Func<T> parse, string engine)
    {
        try
        {
            return parse();
        }
        catch (ArgumentException e)
        {
            // The driver's message names the keyword or position, never a value (the password).
            throw new StartupException($"ConnectionStrings:Users is not a {engine} connection string ({e.Message.TrimEnd('.')}): set ConnectionStrings__Users", e);
        }
    }
}
