using System.Globalization;
using System.Xml;

namespace FleetUsers.Scim.Json;

/// <summary>
/// <c>dateTime</c> values (RFC 7643 §2.3.5): xsd:dateTime with a date and a time. One without an
/// offset is taken as UTC. Written in UTC to the microsecond, as the rest of FleetUsers does.
/// </summary>
public static class ScimDateTime
{
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var time = text.IndexOf('T', StringComparison.Ordinal);
        if (time < 0) return false;
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], time) > 0;
        try
        {
            instant = XmlConvert.ToDateTimeOffset(hasOffset ? text : text + "Z");
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException) // ArgumentOutOfRange: 9999-12-31T23:59:59-14:00 is past the last instant
        {
            return false;
        }
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
