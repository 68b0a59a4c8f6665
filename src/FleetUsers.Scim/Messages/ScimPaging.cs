using System.Globalization;
using FleetUsers.Scim.Errors;

namespace FleetUsers.Scim.Messages;

/// <summary>
/// <c>startIndex</c> and <c>count</c> of RFC 7644 §3.4.2.4: a start below 1 is 1, a negative count
/// is 0, no count (or one above <c>maxResults</c>) is <c>maxResults</c>; text that is not an
/// integer is <c>invalidValue</c>.
/// </summary>
public sealed record ScimPaging(int StartIndex, int Count)
{
    public static ScimPaging Parse(string? startIndex, string? count, int maxResults) =>
        new(Math.Max(1, Integer(startIndex, "startIndex") ?? 1),
            Math.Clamp(Integer(count, "count") ?? maxResults, 0, maxResults));

    /// <summary>How many resources to skip: startIndex is 1-based.</summary>
    public int Offset => StartIndex - 1;

    private static int? Integer(string? text, string name)
    {
        if (text is null) return null;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw ScimException.InvalidValue($"{name} must be an integer.");
        return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
    }
}
