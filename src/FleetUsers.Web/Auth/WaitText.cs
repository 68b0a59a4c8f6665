using System.Globalization;

namespace FleetUsers.Web.Auth;

/// <summary>A wait as a person reads it: "14 minutes 5 seconds", "1 minute", "30 seconds" (whole seconds, rounded up).</summary>
public static class WaitText
{
    public static string Of(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var (minutes, rest) = (seconds / 60, seconds % 60);
        var parts = new List<string>();
        if (minutes > 0)
        {
            parts.Add(Count(minutes, "minute"));
        }
        if (rest > 0)
        {
            parts.Add(Count(rest, "second"));
        }
        return string.Join(' ', parts);
    }

    private static string Count(int n, string unit) =>
        n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? unit : unit + "s");
}
