using System.Globalization;

namespace FleetUsers.Web.Pages.Users;

/// <summary>Values as the users pages write them for a person.</summary>
public static class ConsoleText
{
    public static string LastSignIn(DateTimeOffset? when) => when is { } last ? Time(last) : "Never";

    /// <summary>A moment to the minute, in UTC (every instance and every reader the same).</summary>
    public static string Time(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
