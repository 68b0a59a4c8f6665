using System.Globalization;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Json;

namespace FleetUsers.Scim.Messages;

/// <summary>
/// The <c>meta</c> attribute of a resource (RFC 7643 §3.1) and its version as an ETag
/// (RFC 7644 §3.14): a weak tag of the resource's version number, <c>W/"3"</c>.
/// </summary>
public static class ScimMeta
{
    public static JsonObject Create(string resourceType, DateTimeOffset created, DateTimeOffset lastModified, string location, long version) => new()
    {
        ["resourceType"] = resourceType,
        ["created"] = ScimDateTime.Format(created),
        ["lastModified"] = ScimDateTime.Format(lastModified),
        ["location"] = location,
        ["version"] = ETag(version),
    };

    public static string ETag(long version) => $"W/\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// Whether an <c>If-Match</c> header lets a change of the resource at <paramref name="version"/>
    /// go ahead: <c>*</c>, or a list of tags one of which is its version. SCIM's tags are weak
    /// (RFC 7644 §3.14 shows them in If-Match), so <c>W/"3"</c> and <c>"3"</c> both match version 3.
    /// </summary>
    public static bool IfMatch(string ifMatch, long version) =>
        ifMatch.Trim() == "*"
        || ifMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => TryParseETag(tag, out var tagged) && tagged == version);

    public static bool TryParseETag(string tag, out long version)
    {
        var opaque = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        version = 0;
        return opaque.Length >= 2 && opaque[0] == '"' && opaque[^1] == '"'
            && long.TryParse(opaque[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
