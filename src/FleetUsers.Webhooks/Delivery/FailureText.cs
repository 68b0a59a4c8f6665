using System.Net.Sockets;
using System.Security.Authentication;
using FleetUsers.Webhooks.Targets;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>What the delivery log says went wrong.</summary>
internal static class FailureText
{
    public static string OfStatus(HttpResponseMessage response)
    {
        var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        return (int)response.StatusCode is >= 300 and < 400
            ? $"{status}: redirects are not followed (Location: {response.Headers.Location})"
            : status;
    }

    public static TargetRefusedException? Refusal(Exception e) => Chain(e).OfType<TargetRefusedException>().FirstOrDefault();

    public static bool IsNetworkFailure(Exception e) =>
        e is HttpRequestException or IOException or SocketException or AuthenticationException;

    /// <summary>The innermost message says what happened ("Connection refused"); the outer one adds the host and port.</summary>
    public static string Of(Exception e)
    {
        var messages = Chain(e).Select(x => x.Message).Distinct().ToList();
        return string.Join(": ", messages);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
