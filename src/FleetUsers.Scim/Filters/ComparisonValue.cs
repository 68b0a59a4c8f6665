using System.Globalization;
using System.Text;

namespace FleetUsers.Scim.Filters;

/// <summary><c>compValue = false / null / true / number / string</c>: a JSON literal of a filter.</summary>
public abstract record ComparisonValue
{
    private ComparisonValue() { }

    public sealed record String(string Value) : ComparisonValue
    {
        public override string ToString() => Quote(Value);
    }

    /// <summary>A JSON string: quotes, backslashes and control characters escaped, the rest as is.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }
        return quoted.Append('"').ToString();
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
