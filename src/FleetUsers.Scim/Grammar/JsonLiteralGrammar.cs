using System.Globalization;
using FleetUsers.Scim.Filters;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace FleetUsers.Scim.Grammar;

/// <summary>
/// <c>compValue = false / null / true / number / string</c>, the literals of RFC 7159 §3, §6, §7
/// (RFC 7644 §3.4.2.2 defers to them).
/// </summary>
internal static class JsonLiteralGrammar
{
    // unescaped = %x20-21 / %x23-5B / %x5D-10FFFF
    private static readonly TextParser<char> Unescaped =
        Character.Matching(c => c >= '\u0020' && c != '"' && c != '\\', "string character");

    // escape = "\" ( %x22 / %x5C / %x2F / %x62 / %x66 / %x6E / %x72 / %x74 / %x75 4HEXDIG )
    private static readonly TextParser<char> Escaped =
        Character.EqualTo('\\').IgnoreThen(
            Character.In('"', '\\', '/')
                .Or(Character.EqualTo('b').Value('\b'))
                .Or(Character.EqualTo('f').Value('\f'))
                .Or(Character.EqualTo('n').Value('\n'))
                .Or(Character.EqualTo('r').Value('\r'))
                .Or(Character.EqualTo('t').Value('\t'))
                .Or(Character.EqualTo('u').IgnoreThen(Character.HexDigit.Repeat(4))
                    .Select(hex => (char)int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
                .Named("escape sequence"));

    // string = quotation-mark *char quotation-mark; JSON lets \u0000 and a lone \ud800 through, but no
    // attribute can hold them (PostgreSQL refuses NUL, UTF-8 a lone surrogate): refused as a bad filter.
    public static readonly TextParser<string> String =
        (from open in Character.EqualTo('"')
         from chars in Unescaped.Or(Escaped).Many()
         from close in Character.EqualTo('"').Named("closing quotation mark")
         select new string(chars))
        .Where(IsText, "string without NUL or unpaired surrogate");

    /// <summary>No NUL, and every surrogate in a pair.</summary>
    internal static bool IsText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\0' || char.IsLowSurrogate(value[i]))
            {
                return false;
            }
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    // number = [ minus ] int [ frac ] [ exp ]; int = zero / ( digit1-9 *DIGIT )
    private static readonly TextParser<char[]> Digits = Character.Digit.AtLeastOnce();
    private static readonly TextParser<Unit> Int =
        Character.EqualTo('0').Value(Unit.Value)
            .Or(Character.Matching(c => c is >= '1' and <= '9', "digit").IgnoreThen(Character.Digit.Many()).Value(Unit.Value));
    private static readonly TextParser<char[]> Frac = Character.EqualTo('.').IgnoreThen(Digits);
    private static readonly TextParser<char[]> Exp =
        Character.EqualToIgnoreCase('e').IgnoreThen(Character.In('+', '-').Optional()).IgnoreThen(Digits);

    public static readonly TextParser<decimal> Number =
        Span.MatchedBy(Character.EqualTo('-').Optional().IgnoreThen(Int).IgnoreThen(Frac.Value(Unit.Value).Optional()).IgnoreThen(Exp.Value(Unit.Value).Optional()))
            .Select(span => decimal.TryParse(span.ToStringValue(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? (decimal?)value : null)
            .Where(value => value is not null, "a number within ±7.9e28")
            .Select(value => value!.Value);

    public static readonly TextParser<ComparisonValue> Value =
        String.Select(s => (ComparisonValue)new ComparisonValue.String(s))
            .Or(Number.Select(n => (ComparisonValue)new ComparisonValue.Number(n)))
            .Or(Lexical.Keyword("true").Value((ComparisonValue)new ComparisonValue.Boolean(true)))
            .Or(Lexical.Keyword("false").Value((ComparisonValue)new ComparisonValue.Boolean(false)))
            .Or(Lexical.Keyword("null").Value((ComparisonValue)new ComparisonValue.Null()))
            .Named("value (a JSON string, number, true, false or null)");
}
