namespace FleetUsers.Scim.Filters;

/// <summary>
/// A parsed SCIM filter (RFC 7644 §3.4.2.2), immutable. <see cref="object.ToString"/> writes it back
/// fully parenthesised, which shows how it was grouped.
/// </summary>
public abstract record Filter;

/// <summary><c>FILTER SP "and" SP FILTER</c>.</summary>
public sealed record AndFilter(Filter Left, Filter Right) : Filter
{
    public override string ToString() => $"({Left} and {Right})";
}

/// <summary><c>FILTER SP "or" SP FILTER</c>.</summary>
public sealed record OrFilter(Filter Left, Filter Right) : Filter
{
    public override string ToString() => $"({Left} or {Right})";
}

/// <summary><c>"not" "(" FILTER ")"</c>.</summary>
public sealed record NotFilter(Filter Inner) : Filter
{
    public override string ToString() => $"not ({Inner})";
}

/// <summary><c>attrPath SP "pr"</c>: the attribute has a non-empty value.</summary>
public sealed record PresentFilter(AttributePath Path) : Filter
{
    public override string ToString() => $"{Path} pr";
}

/// <summary><c>attrPath SP compareOp SP compValue</c>.</summary>
public sealed record CompareFilter(AttributePath Path, CompareOperator Operator, ComparisonValue Value) : Filter
{
    public override string ToString() => $"{Path} {Operator.ToString().ToLowerInvariant()} {Value}";
}

/// <summary>
/// <c>valuePath = attrPath "[" valFilter "]"</c>: some value of a multi-valued complex attribute
/// matches <see cref="Filter"/>, whose attribute paths name sub-attributes.
/// </summary>
public sealed record ValuePathFilter(AttributePath Path, Filter Filter) : Filter
{
    public override string ToString() => $"{Path}[{Filter}]";
}
