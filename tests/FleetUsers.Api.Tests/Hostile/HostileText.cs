using System.Text;
using CsCheck;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// Generators of the text a hostile client sends: empty and huge strings, control
/// characters, lone UTF-16 surrogates, SQL and LIKE metacharacters, look-alike letters,
/// numbers past int32, and percent-encodings that decode to nothing valid.
/// </summary>
public static class HostileText
{
    public static readonly string[] SqlAndLike =
    [
        "' OR '1'='1", "'; DROP TABLE users; --", "\" OR \"\"=\"", "%", "_", "\\", "%%", "a%b_c\\d", "*", "?", "[a-z]",
        "1; SELECT pg_sleep(5)", "') OR 1=1 --", "\\x00", "\0", "a\0b", "$1", "::uuid", "NULL", "null", "undefined", "${jndi:ldap://x}",
    ];

    public static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296",
        "9223372036854775807", "9223372036854775808", "1e400", "-1e400", "1E+2", "0.5", "1.0", "1e-7", "00001",
        "0x10", "١٢", "５", "NaN", "Infinity", "+5", " 5", "5 ", "99999999999999999999999999999",
    ];

    /// <summary>Characters that break things: controls, NUL, lone surrogates, BOM, bidi overrides, non-characters.</summary>
    public static readonly Gen<char> NastyChar = Gen.OneOf(
        Gen.Char['\0', '\x1f'],
        Gen.Char['\x7f', '\x9f'],
        Gen.Char['\uD800', '\uDFFF'],
        Gen.Char["\uFEFF\u202E\u200B\u2028\u2029\uFFFE\uFFFF\u0301\u00A0\u3000\u0130\u0131\u212A\u017F"]);

    public static readonly Gen<char> AnyChar = Gen.Frequency(
        (6, Gen.Char['a', 'z']),
        (2, Gen.Char['A', 'Z']),
        (2, Gen.Char['0', '9']),
        (2, Gen.Char[" .-_@+'\"\\/%&=?#;:,<>{}[]()!*$"]),
        (2, NastyChar),
        (1, Gen.Char['\u00C0', '\u024F']),
        (1, Gen.Char));

    /// <summary>Any text: mostly short, sometimes empty, sometimes of the limits' lengths, rarely huge.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (40, Gen.String[AnyChar, 0, 12]),
        (12, Gen.Const("")),
        (12, Gen.OneOf(SqlAndLike.Select(Gen.Const).ToArray())),
        (8, Gen.OneOf(Numbers.Select(Gen.Const).ToArray())),
        (8, Gen.String[NastyChar, 1, 6]),
        (8, Gen.Int[45, 260].Select(n => new string('x', n))),
        (4, Gen.Guid.Select(g => g.ToString())),
        (1, Gen.Int[1_000, 200_000].Select(n => new string('é', n))));

    /// <summary>Percent-escapes every byte of the text's UTF-8 (lone surrogates become U+FFFD) but unreserved ASCII.</summary>
    public static string PercentEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>Escapes that decode to nothing valid: bad hex, lone and overlong UTF-8, CESU surrogates, NUL, encoded separators.</summary>
    public static readonly string[] RawEscapes =
    [
        "%", "%%", "%zz", "%0", "%00", "%FF", "%C0%AF", "%ED%A0%80", "%ED%B0%80", "%F4%90%80%80", "%E2%80%AE", "%2F", "%5C",
        "%2e%2e", "..", ".", "+", "%20", "%0A", "%0D%0A", "%uD800", "&", "=", "%3D", "%26", "%23",
    ];

    /// <summary>A path segment or query value as sent on the wire: encoded text, raw escapes, or both mixed.</summary>
    public static readonly Gen<string> UrlText = Gen.Frequency(
        (6, Text.Select(PercentEncode)),
        (2, Gen.OneOf(RawEscapes.Select(Gen.Const).ToArray())),
        (2, Gen.Select(Text, Gen.OneOf(RawEscapes.Select(Gen.Const).ToArray()), (t, e) => PercentEncode(t) + e)));

    /// <summary>
    /// A path segment as sent on the wire. Never an encoded NUL: the HTTP server's own URL decoder
    /// refuses those before any application code runs (Kestrel answers 400; the in-memory test server throws).
    /// </summary>
    public static readonly Gen<string> PathText = UrlText.Select(t => t.Replace("%00", "", StringComparison.Ordinal));
}
