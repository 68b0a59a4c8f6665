using FleetUsers.Scim.Filters;
using Superpower;
using Superpower.Model;
using Superpower.Parsers;
using static FleetUsers.Scim.Grammar.Lexical;

namespace FleetUsers.Scim.Grammar;

/// <summary>
/// The filter grammar of RFC 7644 §3.4.2.2, with the precedence it states: "()" and "not" bind
/// tightest, then "and", then "or" (both left-associative).
/// <code>
/// FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
/// valuePath = attrPath "[" valFilter "]"
/// valFilter = attrExp / logExp / *1"not" "(" valFilter ")"
/// attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
/// logExp    = FILTER SP ("and" / "or") SP FILTER
/// </code>
/// </summary>
internal static class FilterGrammar
{
    // compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
    private static readonly TextParser<CompareOperator> CompareOp =
        Parse.OneOf(Enum.GetValues<CompareOperator>()
            .Select(op => Keyword(op.ToString().ToLowerInvariant()).Value(op))
            .ToArray());

    // What follows attrPath in attrExp: SP "pr" / SP compareOp SP compValue
    private static TextParser<Filter> AttrExpAfter(Filters.AttributePath path) =>
        Space.Named("a space and an operator").IgnoreThen(
            Keyword("pr").Value((Filter)new PresentFilter(path))
                .Or(from op in CompareOp
                    from value in Space.Named("a space and a value").IgnoreThen(JsonLiteralGrammar.Value)
                    select (Filter)new CompareFilter(path, op, value))
                .Named("an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr)"));

    private static readonly TextParser<Filter> AttrExp =
        AttributePathGrammar.AttrPath.Then(AttrExpAfter);

    // SP "and" SP: only " and" is given back when it does not follow, so "a pr and" says a filter is missing.
    private static TextParser<Unit> Logical(string word) =>
        Space.IgnoreThen(Keyword(word)).Try().IgnoreThen(Space.Named($"a space and a filter after `{word}`"));

    private static TextParser<Filter> Grouped(TextParser<Filter> inner) =>
        from open in Character.EqualTo('(')
        from filter in inner.Between(OptionalSpace, OptionalSpace)
        from close in Character.EqualTo(')').Named("`)`")
        select filter;

    /// <summary>A filter whose terms are <paramref name="term"/>, combined by and/or/not/().</summary>
    private static TextParser<Filter> Combining(TextParser<Filter> term)
    {
        TextParser<Filter>? filter = null;
        var self = Parse.Ref(() => filter!);
        var not = Keyword("not").IgnoreThen(OptionalSpace).IgnoreThen(Grouped(self)).Select(f => (Filter)new NotFilter(f));
        var unary = not.Or(Grouped(self)).Or(term);
        var conjunction = LeftAssociative(Logical("and"), unary, (left, right) => new AndFilter(left, right));
        filter = LeftAssociative(Logical("or"), conjunction, (left, right) => new OrFilter(left, right));
        return filter;
    }

    // operand *(operator operand), folded from the left. (Superpower's Parse.Chain does not give
    // up an operator that backtracks, so "a pr or b pr" would fail looking for "and".)
    private static TextParser<Filter> LeftAssociative(TextParser<Unit> @operator, TextParser<Filter> operand, Func<Filter, Filter, Filter> combine) =>
        operand.Then(first => @operator.IgnoreThen(operand).Many().Select(rest => rest.Aggregate(first, combine)));

    /// <summary>valFilter: the filter inside "[...]", over sub-attributes, without value paths.</summary>
    public static readonly TextParser<Filter> ValFilter = Combining(AttrExp);

    private static readonly TextParser<Filter> BracketedValFilter =
        from open in Character.EqualTo('[')
        from filter in ValFilter.Between(OptionalSpace, OptionalSpace)
        from close in Character.EqualTo(']').Named("`]`")
        select filter;

    // valuePath, or attrExp. Entra ID also sends valuePath "." subAttr compared to a value
    // (emails[type eq "work"].value eq "x"); it means: some value matches both.
    private static readonly TextParser<Filter> ValuePathOrAttrExp =
        AttributePathGrammar.AttrPath.Then(path =>
            path.SubAttribute is not null
                ? AttrExpAfter(path)
                : (from valFilter in BracketedValFilter
                   from sub in AttributePathGrammar.SubAttr.Then(name => AttrExpAfter(new Filters.AttributePath(null, name))).OrNone()
                   select (Filter)new ValuePathFilter(path, sub is null ? valFilter : new AndFilter(valFilter, sub)))
                .Or(AttrExpAfter(path)));

    public static readonly TextParser<Filter> Filter = Combining(ValuePathOrAttrExp);

    public static readonly TextParser<Filter> Complete = Filter.Between(OptionalSpace, OptionalSpace).ThenEnd("`and`, `or`");
}
