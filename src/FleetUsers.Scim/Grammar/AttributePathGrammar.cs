using FleetUsers.Scim.Filters;
using Superpower;
using Superpower.Parsers;

namespace FleetUsers.Scim.Grammar;

/// <summary><c>attrPath = [URI ":"] ATTRNAME *1subAttr</c> of RFC 7644 §3.4.2.2.</summary>
internal static class AttributePathGrammar
{
    // ATTRNAME = ALPHA *(nameChar); a leading "$" is allowed too, for "$ref" (RFC 7643 §2.4).
    public static readonly TextParser<string> AttrName =
        from dollar in Character.EqualTo('$').Optional()
        from first in Character.Matching(char.IsAsciiLetter, "attribute name")
        from rest in Lexical.NameChar.Many()
        select (dollar is null ? "" : "$") + first + new string(rest);

    // subAttr = "." ATTRNAME
    public static readonly TextParser<string> SubAttr = Character.EqualTo('.').IgnoreThen(AttrName);

    // URI ":" for the schema URNs SCIM uses ("urn:" segments separated by ":"). The attribute is
    // what follows the last ":", so each segment is taken only when a ":" follows it.
    private static readonly TextParser<string> UrnSegment =
        Character.Matching(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '+' or '%', "URN character")
            .AtLeastOnce().Select(chars => new string(chars));

    private static readonly TextParser<string> SchemaUrnPrefix =
        (from urn in Span.EqualToIgnoreCase("urn:")
         from segments in UrnSegment.Then(segment => Character.EqualTo(':').Value(segment)).Try().AtLeastOnce()
         select urn.ToStringValue() + string.Join(':', segments))
        .Try();

    /// <summary>An attribute without a sub-attribute: what a value path's "[" follows.</summary>
    public static readonly TextParser<AttributePath> Attribute =
        from urn in SchemaUrnPrefix.OrNone()
        from name in AttrName
        select new AttributePath(urn, name);

    public static readonly TextParser<AttributePath> AttrPath =
        from attribute in Attribute
        from sub in SubAttr.OrNone()
        select attribute with { SubAttribute = sub };
}
