using FleetUsers.Application.Ports;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// A /Users filter as the store answers it. The terms identity providers send to match users are
/// indexed conditions: <c>userName eq</c>, <c>externalId eq</c>, <c>emails.value eq</c> (also inside
/// <c>emails[...]</c>), <c>meta.lastModified gt|ge</c>, and <c>groups.value eq</c> (a role in the group),
/// alone or joined by <c>and</c>. When the filter
/// is exactly such terms the store pages it; otherwise the store's conditions (if any) give candidates
/// that the library's evaluator filters, at most <see cref="CandidateLimit"/> of them, else <c>tooMany</c>.
/// </summary>
public sealed record ScimUserFilter(Filter? Filter, ScimUserCondition Condition, bool Exact)
{
    /// <summary>The group of a <c>groups.value eq</c> term (its text as sent): only that group's members.</summary>
    public string? MemberOf { get; init; }

    public const int CandidateLimit = 2_000;

    public static ScimUserFilter Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ScimUserFilter(null, new ScimUserCondition(), true);
        var filter = ScimParser.ParseFilter(text);
        FilterEvaluator.Validate(filter, ScimResourceTypes.User);
        var condition = new ScimUserCondition();
        var exact = true;
        string? memberOf = null;
        foreach (var term in Conjuncts(filter))
        {
            // groups.value eq: the list asks for the group's members (a role in the group, indexed).
            if (memberOf is null && term is CompareFilter { Operator: CompareOperator.Eq, Value: ComparisonValue.String group } groupTerm
                && Is(groupTerm.Path, "groups", "value"))
            {
                memberOf = group.Value;
                continue;
            }
            var (translated, whole) = Translate(term, condition);
            condition = translated ?? condition;
            exact &= translated is not null && whole;
        }
        return new ScimUserFilter(filter, condition, exact) { MemberOf = memberOf };
    }

    private static IEnumerable<Filter> Conjuncts(Filter filter) =>
        filter is AndFilter and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [filter];

    /// <summary>The condition with the term added, and whether the condition says all the term does; null when the term is not one the store answers.</summary>
    private static (ScimUserCondition? Condition, bool Whole) Translate(Filter term, ScimUserCondition condition) => term switch
    {
        CompareFilter { Operator: CompareOperator.Eq, Value: ComparisonValue.String text } compare when Is(compare.Path, "userName")
            && condition.Username is null => (condition with { Username = text.Value }, true),
        CompareFilter { Operator: CompareOperator.Eq, Value: ComparisonValue.String text } compare when Is(compare.Path, "externalId")
            && condition.ExternalId is null => (condition with { ExternalId = text.Value }, true),
        CompareFilter { Operator: CompareOperator.Eq, Value: ComparisonValue.String text } compare when Is(compare.Path, "emails", "value")
            && condition.Email is null => (condition with { Email = text.Value }, true),
        CompareFilter { Operator: CompareOperator.Gt or CompareOperator.Ge, Value: ComparisonValue.String text } compare
            when Is(compare.Path, "meta", "lastModified") && condition.ModifiedAfter is null && ScimDateTime.TryParse(text.Value, out var after) =>
            (condition with { ModifiedAfter = after, ModifiedAfterInclusive = compare.Operator == CompareOperator.Ge }, true),
        // emails[type eq "work" and value eq "x"]: the address is indexed; the rest is checked on the candidate.
        ValuePathFilter valuePath when Is(valuePath.Path, "emails") && condition.Email is null
            && Conjuncts(valuePath.Filter).OfType<CompareFilter>().FirstOrDefault(c => c is { Operator: CompareOperator.Eq, Value: ComparisonValue.String }
                && c.Path.Name.Equals("value", StringComparison.OrdinalIgnoreCase)) is { Value: ComparisonValue.String address } =>
            (condition with { Email = address.Value }, false),
        _ => (null, false),
    };

    private static bool Is(AttributePath path, string name, string? sub = null) =>
        (path.SchemaUrn is null || path.SchemaUrn.Equals(FleetUsers.Scim.ScimUrns.User, StringComparison.OrdinalIgnoreCase))
        && path.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(path.SubAttribute, sub, StringComparison.OrdinalIgnoreCase);

    public static ScimException TooMany() => ScimException.TooMany(
        $"The filter matches more than {CandidateLimit} users by its indexed terms (userName eq, externalId eq, emails.value eq, meta.lastModified gt/ge, groups.value eq); narrow it with one of them.");
}
