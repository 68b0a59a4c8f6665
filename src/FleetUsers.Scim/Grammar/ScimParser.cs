using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Patch;
using Superpower;
using Superpower.Model;

namespace FleetUsers.Scim.Grammar;

/// <summary>
/// Parses the texts SCIM clients send: filters (RFC 7644 §3.4.2.2), PATCH paths (§3.5.2) and the
/// attribute names of <c>attributes</c> / <c>excludedAttributes</c> (§3.4.2.5). A text that does not
/// parse is a <see cref="ScimException"/> naming the position (1-based) and what was expected there.
/// </summary>
public static class ScimParser
{
    public static Filter ParseFilter(string filter) =>
        Parse(FilterGrammar.Complete, filter, "The filter", ScimException.InvalidFilter);

    public static PatchPath ParsePatchPath(string path) =>
        Parse(PatchPathGrammar.Complete, path, "The path", ScimException.InvalidPath);

    public static AttributePath ParseAttributePath(string path, string parameter) =>
        Parse(AttributePathGrammar.AttrPath.ThenEnd("`.`"), path, $"The attribute `{path}` in {parameter}", ScimException.InvalidValue);

    /// <summary>The longest text parsed; filters that providers send are a few dozen characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The deepest nesting of parentheses and brackets parsed.</summary>
    public const int MaxDepth = 32;

    private static T Parse<T>(TextParser<T> parser, string text, string what, Func<string, ScimException> error)
    {
        if (string.IsNullOrWhiteSpace(text)) throw error($"{what} is empty.");
        // The parser recurses once per level of nesting: bounded here, a hostile text cannot
        // exhaust the stack, which would end the process instead of answering 400.
        if (text.Length > MaxLength) throw error($"{what} is longer than {MaxLength} characters.");
        if (Depth(text) > MaxDepth) throw error($"{what} nests parentheses and brackets deeper than {MaxDepth}.");
        var result = parser.TryParse(text);
        if (result.HasValue) return result.Value;
        throw error($"{what} is not valid at position {Column(result)}: {Describe(result)}.");
    }

    // The deepest nesting of "(" and "[" outside string literals.
    private static int Depth(string text)
    {
        int depth = 0, deepest = 0;
        var inString = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c is '(' or '[') deepest = Math.Max(deepest, ++depth);
            else if (c is ')' or ']') depth--;
        }
        return deepest;
    }

    private static int Column<T>(Result<T> result) =>
        result.ErrorPosition.HasValue ? result.ErrorPosition.Column : 1;

    private static string Describe<T>(Result<T> result)
    {
        var fragment = result.FormatErrorMessageFragment();
        return fragment.Length > 0 ? fragment : "unexpected text";
    }
}
