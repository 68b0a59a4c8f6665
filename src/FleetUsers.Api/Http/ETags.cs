using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace FleetUsers.Api.Http;

/// <summary>A user's ETag is its version, as a strong tag: <c>"7"</c>.</summary>
public static class ETags
{
    public static void Set(HttpResponse response, int version) =>
        response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The versions If-Match accepts: null when there is no If-Match (or it is <c>*</c>),
    /// so the write goes ahead; otherwise the listed strong tags (weak ones never match).
    /// </summary>
    public static IReadOnlyCollection<int>? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return [];
        }
        if (tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            return null;
        }
        return tags
            .Where(t => !t.IsWeak)
            .Select(t => int.TryParse(t.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
            .Where(v => v >= 0)
            .ToList();
    }
}
