using System.Globalization;

namespace FleetUsers.Web.Pages.Users;

/// <summary>Values as the users pages write them for a person.</summary>
public static class ConsoleText
{
    public static string LastSignIn(DateTimeOffset? when) =>
        when is { } last ? last.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "Never";
}
