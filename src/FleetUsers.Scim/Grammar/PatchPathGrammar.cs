using FleetUsers.Scim.Patch;
using Superpower;
using Superpower.Parsers;

namespace FleetUsers.Scim.Grammar;

/// <summary>
/// <c>PATH = attrPath / valuePath [subAttr]</c> of RFC 7644 §3.5.2.
/// </summary>
internal static class PatchPathGrammar
{
    private static TextParser<PatchPath> ValuePathAfter(Filters.AttributePath attribute) =>
        from open in Character.EqualTo('[')
        from filter in FilterGrammar.ValFilter.Between(Lexical.OptionalSpace, Lexical.OptionalSpace)
        from close in Character.EqualTo(']').Named("`]`")
        from sub in AttributePathGrammar.SubAttr.OrNone()
        select new PatchPath(attribute.SchemaUrn, attribute.Name, filter, sub);

    private static TextParser<PatchPath> SubAttrAfter(Filters.AttributePath attribute) =>
        AttributePathGrammar.SubAttr.OrNone()
            .Select(sub => new PatchPath(attribute.SchemaUrn, attribute.Name, null, sub));

    public static readonly TextParser<PatchPath> Complete =
        AttributePathGrammar.Attribute.Then(attribute => ValuePathAfter(attribute).Or(SubAttrAfter(attribute)))
            .ThenEnd("`[`, `.`");
}
