using System.Globalization;
using System.Text.Json;

namespace FleetUsers.Scim.Filters;

/// <summary><c>compValue = false / null / true / number / string</c>: a JSON literal of a filter.</summary>
public abstract record ComparisonValue
{
    private ComparisonValue() { }

    public sealed record String(string Value) : ComparisonValue
    {
        public override string ToString() => JsonSerializer.Serialize(Value);
    }

    public sealed record Number(decimal Value) : ComparisonValue
    {
        public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
    }

    public sealed record Boolean(bool Value) : ComparisonValue
    {
        public override string ToString() => Value ? "true" : "false";
    }

    public sealed record Null : ComparisonValue
    {
        public override string ToString() => "null";
    }
}
