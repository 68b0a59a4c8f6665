using Superpower;
using Superpower.Model;
using Superpower.Parsers;

namespace FleetUsers.Scim.Grammar;

/// <summary>Spaces and keywords shared by the SCIM grammars.</summary>
internal static class Lexical
{
    /// <summary><c>SP</c> of the ABNF; any run of white space is taken for it.</summary>
    public static readonly TextParser<Unit> Space = Character.WhiteSpace.AtLeastOnce().Value(Unit.Value);

    /// <summary>White space allowed (not required) around parentheses and brackets.</summary>
    public static readonly TextParser<Unit> OptionalSpace = Character.WhiteSpace.Many().Value(Unit.Value);

    /// <summary><c>nameChar = "-" / "_" / DIGIT / ALPHA</c>.</summary>
    public static readonly TextParser<char> NameChar =
        Character.Matching(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_', "name character");

    /// <summary>
    /// A keyword of the grammar (<c>and</c>, <c>eq</c>, <c>true</c>, ...): ABNF strings are
    /// case-insensitive, and a keyword ends where a name could not go on (<c>or</c> is not <c>order</c>).
    /// </summary>
    public static TextParser<Unit> Keyword(string word) =>
        Span.EqualToIgnoreCase(word).IgnoreThen(Parse.Not(NameChar)).Try().Named($"`{word}`");

    /// <summary>The end of the text; elsewhere an error saying what could have come instead.</summary>
    public static TextParser<T> ThenEnd<T>(this TextParser<T> parser, string instead) =>
        parser.Then(value => (TextParser<T>)(input => input.IsAtEnd
            ? Result.Value(value, input, input)
            : Result.Empty<T>(input, [instead, "the end"])));

    /// <summary>The parser's value, or null where it does not match (without consuming input).</summary>
    public static TextParser<T?> OrNone<T>(this TextParser<T> parser) where T : class =>
        parser.Select(value => (T?)value).OptionalOrDefault();
}
