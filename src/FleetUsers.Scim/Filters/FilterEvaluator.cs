using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Filters;

/// <summary>
/// Evaluates a filter against a resource held as JSON (RFC 7644 §3.4.2.2). A multi-valued
/// attribute matches when any of its values does; <c>ne</c> is the negation of <c>eq</c>, so it
/// also matches a resource without the attribute; a complex attribute compared without a
/// sub-attribute means its <c>value</c> sub-attribute (<c>emails co "x"</c>).
/// </summary>
public static class FilterEvaluator
{
    /// <summary>Checks the filter against the type's schema first: a misfit is <c>invalidFilter</c>.</summary>
    public static bool Matches(Filter filter, JsonObject resource, ResourceType type)
    {
        var scope = new AttributeScope.Resource(type);
        Check(filter, scope, ScimException.InvalidFilter);
        return Evaluate(filter, resource, scope);
    }

    /// <summary>
    /// That the type can answer the filter: every attribute exists and fits its operator and
    /// literal; otherwise <c>invalidFilter</c>. For a service that answers filters by other means
    /// (a database query) and needs the same errors.
    /// </summary>
    public static void Validate(Filter filter, ResourceType type) =>
        Check(filter, new AttributeScope.Resource(type), ScimException.InvalidFilter);

    /// <summary>
    /// That every attribute the filter names exists in <paramref name="scope"/> and fits its operator
    /// and literal; otherwise the error <paramref name="error"/> makes.
    /// </summary>
    internal static void Check(Filter filter, AttributeScope scope, Func<string, ScimException> error)
    {
        switch (filter)
        {
            case AndFilter and:
                Check(and.Left, scope, error);
                Check(and.Right, scope, error);
                break;
            case OrFilter or:
                Check(or.Left, scope, error);
                Check(or.Right, scope, error);
                break;
            case NotFilter not:
                Check(not.Inner, scope, error);
                break;
            case PresentFilter present:
                Resolve(present.Path, scope, error);
                break;
            case CompareFilter compare:
                var compared = Compared(Resolve(compare.Path, scope, error), compare.Path, error);
                if (ValueComparison.Misfit(compare.Operator, compare.Value, compared.Target) is { } misfit)
                    throw error($"In `{compare}`: {misfit}.");
                break;
            case ValuePathFilter valuePath:
                var attribute = Resolve(valuePath.Path, scope, error);
                if (attribute is not { Sub: null, Attribute.IsComplex: true })
                    throw error($"`{valuePath.Path}[...]` needs a complex attribute, with sub-attributes to filter on.");
                Check(valuePath.Filter, new AttributeScope.Element(attribute.Attribute), error);
                break;
        }
    }

    internal static bool Evaluate(Filter filter, JsonObject target, AttributeScope scope) => filter switch
    {
        AndFilter and => Evaluate(and.Left, target, scope) && Evaluate(and.Right, target, scope),
        OrFilter or => Evaluate(or.Left, target, scope) || Evaluate(or.Right, target, scope),
        NotFilter not => !Evaluate(not.Inner, target, scope),
        PresentFilter present => scope.Resolve(present.Path)!.Values(target).Any(JsonMembers.IsPresent),
        CompareFilter compare => EvaluateComparison(compare, target, scope),
        ValuePathFilter valuePath => EvaluateValuePath(valuePath, target, scope),
        _ => false,
    };

    // Some value of the complex attribute (each of a multi-valued one, or the one) matches the inner filter.
    private static bool EvaluateValuePath(ValuePathFilter valuePath, JsonObject target, AttributeScope scope)
    {
        var attribute = scope.Resolve(valuePath.Path)!;
        var values = new AttributeScope.Element(attribute.Attribute);
        return attribute.Values(target).OfType<JsonObject>().Any(value => Evaluate(valuePath.Filter, value, values));
    }

    private static bool EvaluateComparison(CompareFilter compare, JsonObject target, AttributeScope scope)
    {
        var attribute = Compared(scope.Resolve(compare.Path)!, compare.Path, ScimException.InvalidFilter);
        var values = attribute.Values(target).Where(value => !JsonMembers.IsEmpty(value));
        return (compare.Operator, compare.Value) switch
        {
            (CompareOperator.Eq, ComparisonValue.Null) => !values.Any(),
            (CompareOperator.Ne, ComparisonValue.Null) => values.Any(),
            (CompareOperator.Ne, _) => !values.Any(value => ValueComparison.Matches(value, CompareOperator.Eq, compare.Value, attribute.Target)),
            _ => values.Any(value => ValueComparison.Matches(value, compare.Operator, compare.Value, attribute.Target)),
        };
    }

    private static ScopedAttribute Resolve(AttributePath path, AttributeScope scope, Func<string, ScimException> error) =>
        scope.Resolve(path) ?? throw error($"Unknown attribute `{path}`.");

    // A complex attribute compared as a whole is compared by its "value" sub-attribute.
    private static ScopedAttribute Compared(ScopedAttribute attribute, AttributePath path, Func<string, ScimException> error) =>
        attribute is { Sub: null, Attribute.IsComplex: true }
            ? attribute with { Sub = attribute.Attribute.ValueSubAttribute ?? throw error($"`{path}` is complex; compare one of its sub-attributes.") }
            : attribute;
}
