using System.Globalization;
using System.Text;
using CsCheck;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// JSON written as text, so it can hold what a serializer never writes: escapes of lone
/// surrogates, keys given twice, numbers past every integer type, nesting past the parser's limit.
/// </summary>
public static class HostileJson
{
    /// <summary>A JSON string literal; non-ASCII and surrogates as \u escapes (sometimes raw UTF-8 instead).</summary>
    public static string String(string value, bool rawUnicode = false)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c) || (c >= 0x7f && !rawUnicode))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    public static string Object(IEnumerable<(string Key, string Value)> members) =>
        "{" + string.Join(",", members.Select(m => String(m.Key) + ":" + m.Value)) + "}";

    public static string Array(IEnumerable<string> items) => "[" + string.Join(",", items) + "]";

    public static readonly Gen<string> StringValue = Gen.Select(HostileText.Text, Gen.Int[0, 9], (text, raw) => String(text, rawUnicode: raw == 0));

    /// <summary>Numbers JSON allows, including those no integer type holds.</summary>
    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "4", "4.0", "7e0", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "1e400", "-1e400", "1E+2", "0.5", "1e-7", "99999999999999999999999999999",
    ];

    public static readonly Gen<string> Number = Gen.Frequency(
        (3, Gen.OneOf(Numbers.Select(Gen.Const).ToArray())),
        (2, Gen.Int.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.Double.Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    /// <summary>[[[[...]]]] or {"a":{"a":...}} beyond any sane depth.</summary>
    public static readonly Gen<string> DeepNesting = Gen.Select(Gen.Int[20, 3000], Gen.Bool, (depth, arrays) => arrays
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    public static readonly Gen<string> Scalar = Gen.Frequency(
        (3, Gen.Const("null")),
        (2, Gen.OneOf(Gen.Const("true"), Gen.Const("false"))),
        (4, Number),
        (8, StringValue),
        (2, Gen.Guid.Select(g => String(g.ToString()))));

    /// <summary>Any JSON value, nested a few levels; rarely nested far past the parser's limit.</summary>
    public static readonly Gen<string> Value = Gen.Frequency(
        (20, Gen.Recursive<string>((depth, self) => depth >= 3
            ? Scalar
            : Gen.Frequency(
                (6, Scalar),
                (1, self.Array[0, 4].Select(Array)),
                (1, Gen.Select(HostileText.Text, self).Array[0, 4].Select(Object))))),
        (1, DeepNesting));

    /// <summary>Text that is not JSON, or not UTF-8: truncated, stray bytes, comments, trailing commas, raw control characters.</summary>
    public static Gen<byte[]> Malformed(string valid) => Gen.Frequency(
        (3, Gen.Int[0, Math.Max(0, valid.Length - 1)].Select(n => Encoding.UTF8.GetBytes(valid[..n]))),
        (2, Gen.Byte.Array[1, 64]),
        (2, Gen.OneOf(
            "{\"firstName\": \"a\",}", "{firstName: \"a\"}", "{'firstName': 'a'}", "// comment\n{}", "{} {}", "{}garbage",
            "{\"firstName\": \"a\u0001b\"}", "\uFEFF{}", "NaN", "{\"a\":1e99999}", "{\"a\": .5}", "{\"a\": 01}", "{\"a\": -}",
            "[", "]", "{", "}", "\"", "").Select(t => Encoding.UTF8.GetBytes(t))),
        (2, Gen.OneOf<byte[]>([0xFF, 0xFE, (byte)'{', (byte)'}'], [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'],
            [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'], [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], [0x00], [(byte)'{', 0x00, (byte)'}'])));
}
