namespace FleetUsers.Domain.Users;

/// <summary>
/// Accented Latin letters and their plain ASCII spelling (José → Jose, Łukasz → Lukasz,
/// Nguyễn → Nguyen). A table rather than Unicode normalisation: the service runs with
/// invariant globalization, where <see cref="string.Normalize()"/> leaves text unchanged.
/// </summary>
internal static class LatinLetters
{
    private const char None = '*';

    // Generated from the Unicode compatibility decompositions (NFKD), keeping the ASCII letter;
    // '*' marks a character with no single-letter spelling (see Multi) or none at all.
    private const int LatinStart = 0x00C0;
    private const string Latin =
        "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y" + // U+00C0
        "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlL" + // U+0100
        "lLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs" + // U+0140
        "********************************Oo*************Uu***************" + // U+0180
        "*************AaIiOoUuUuUuUuUu*AaAa****GgKkOoOo**j***Gg**NnAa****" + // U+01C0
        "AaAaEeEeIiIiOoOoRrRrUuUuSsTt**Hh******AaEeOoOoOoOoYy************" + // U+0200
        "****************"; //                                                  U+0240

    private const int AdditionalStart = 0x1E00;
    private const string Additional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm" + // U+1E00
        "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv" + // U+1E40
        "WwWwWwWwWwXxXxYyZzZzZzhtwyas****AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe" + // U+1E80
        "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy******"; // U+1EC0

    /// <summary>The plain spelling of an accented Latin letter, or null when there is none.</summary>
    public static string? Plain(char c)
    {
        var single =
            c >= LatinStart && c < LatinStart + Latin.Length ? Latin[c - LatinStart]
            : c >= AdditionalStart && c < AdditionalStart + Additional.Length ? Additional[c - AdditionalStart]
            : None;
        return single != None ? single.ToString() : Multi(c);
    }

    private static string? Multi(char c) => c switch
    {
        'Æ' => "AE",
        'æ' => "ae",
        'Œ' => "OE",
        'œ' => "oe",
        'ß' => "ss",
        'ẞ' => "SS",
        'Þ' => "Th",
        'þ' => "th",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ǆ' or 'Ǳ' => "DZ",
        'ǅ' or 'ǲ' => "Dz",
        'ǆ' or 'ǳ' => "dz",
        'Ǉ' => "LJ",
        'ǈ' => "Lj",
        'ǉ' => "lj",
        'Ǌ' => "NJ",
        'ǋ' => "Nj",
        'ǌ' => "nj",
        _ => null,
    };
}
