using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Filters;

/// <summary>
/// One comparison of RFC 7644 §3.4.2.2 between a stored value and a filter's literal, by the
/// attribute's type: strings and references by <c>caseExact</c> (ignoring case compares lower-case
/// copies, by code point), numbers as numbers, dateTimes as instants, booleans for equality only.
/// </summary>
internal static class ValueComparison
{
    /// <summary>Why the operator and literal do not fit the attribute, or null when they do.</summary>
    public static string? Misfit(CompareOperator op, ComparisonValue literal, AttributeDefinition attribute)
    {
        if (literal is ComparisonValue.Null)
            return op is CompareOperator.Eq or CompareOperator.Ne ? null : $"`{Name(op)} null` means nothing; use `eq null` or `ne null`";
        var ordering = op is CompareOperator.Gt or CompareOperator.Ge or CompareOperator.Lt or CompareOperator.Le;
        var substring = op is CompareOperator.Co or CompareOperator.Sw or CompareOperator.Ew;
        return attribute.Type switch
        {
            AttributeType.String or AttributeType.Reference => literal is ComparisonValue.String ? null : Expected("a string"),
            AttributeType.Binary => ordering || substring ? Refused() : literal is ComparisonValue.String ? null : Expected("a string"),
            AttributeType.Boolean => ordering || substring ? Refused() : literal is ComparisonValue.Boolean ? null : Expected("true or false"),
            AttributeType.Integer or AttributeType.Decimal => substring ? Refused() : literal is ComparisonValue.Number ? null : Expected("a number"),
            AttributeType.DateTime => substring ? Refused()
                : literal is ComparisonValue.String s && ScimDateTime.TryParse(s.Value, out _) ? null
                : Expected("a dateTime string such as \"2011-05-13T04:42:34Z\""),
            _ => $"{attribute.Name} is complex; compare one of its sub-attributes",
        };

        string Expected(string what) => $"{attribute.Name} is compared with {what}";
        string Refused() => $"`{Name(op)}` does not apply to {attribute.Name} ({attribute.Type.ToString().ToLowerInvariant()})";
    }

    /// <summary>Whether <paramref name="value"/> satisfies <c>op literal</c>; a value of the wrong type never does.</summary>
    public static bool Matches(JsonNode value, CompareOperator op, ComparisonValue literal, AttributeDefinition attribute)
    {
        int? order = (attribute.Type, literal) switch
        {
            (AttributeType.String or AttributeType.Reference or AttributeType.Binary, ComparisonValue.String s) when Text(value) is { } text =>
                TextMatches(text, op, s.Value, attribute.CaseExact) is { } matched ? (matched ? 0 : 1) : Ordinal(text, s.Value, attribute.CaseExact),
            (AttributeType.Boolean, ComparisonValue.Boolean b) when Kind(value) is JsonValueKind.True or JsonValueKind.False =>
                (Kind(value) == JsonValueKind.True) == b.Value ? 0 : 1,
            (AttributeType.Integer or AttributeType.Decimal, ComparisonValue.Number n) when Number(value) is { } number =>
                number.CompareTo(n.Value),
            (AttributeType.DateTime, ComparisonValue.String s) when Text(value) is { } text && ScimDateTime.TryParse(text, out var stored)
                && ScimDateTime.TryParse(s.Value, out var wanted) => stored.CompareTo(wanted),
            _ => null,
        };
        if (order is not { } o) return false;
        return op switch
        {
            CompareOperator.Eq or CompareOperator.Co or CompareOperator.Sw or CompareOperator.Ew => o == 0,
            CompareOperator.Ne => o != 0,
            CompareOperator.Gt => o > 0,
            CompareOperator.Ge => o >= 0,
            CompareOperator.Lt => o < 0,
            _ => o <= 0,
        };
    }

    // eq, co, sw and ew answer whether they match; the ordering operators answer null.
    private static bool? TextMatches(string text, CompareOperator op, string literal, bool caseExact)
    {
        var comparison = caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return op switch
        {
            CompareOperator.Eq or CompareOperator.Ne => string.Equals(text, literal, comparison),
            CompareOperator.Co => text.Contains(literal, comparison),
            CompareOperator.Sw => text.StartsWith(literal, comparison),
            CompareOperator.Ew => text.EndsWith(literal, comparison),
            _ => null,
        };
    }

    private static int Ordinal(string text, string literal, bool caseExact) => caseExact
        ? string.CompareOrdinal(text, literal)
        : string.CompareOrdinal(text.ToLowerInvariant(), literal.ToLowerInvariant());

    private static JsonValueKind? Kind(JsonNode value) => (value as JsonValue)?.GetValueKind();

    private static decimal? Number(JsonNode value) =>
        Kind(value) == JsonValueKind.Number && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static string? Text(JsonNode value) => Kind(value) == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string Name(CompareOperator op) => op.ToString().ToLowerInvariant();
}
