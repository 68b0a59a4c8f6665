namespace FleetUsers.Application;

/// <summary>
/// The service or the command line cannot start: a setting is missing or wrong, or the database
/// cannot be reached or opened. The message is one line saying what to set or check; start-up
/// prints it instead of a stack trace.
/// </summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>How a setting is written as an environment variable (<c>Auth:SigningKey</c> → <c>Auth__SigningKey</c>).</summary>
    public static string Variable(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);
}
