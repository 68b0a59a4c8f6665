using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// An operation on a multi-valued attribute: on all its values (<c>emails</c>), or on those a value
/// filter selects, or on one sub-attribute of them (<c>emails[type eq "work"].value</c>).
/// </summary>
internal sealed class MultiValuedTarget(JsonObject container, AttributeDefinition attribute, PatchOperationType op, string name)
{
    private JsonArray? Values => JsonMembers.Get(container, attribute.Name) as JsonArray;

    public void Apply(Filter? filter, AttributeDefinition? sub, JsonNode? value)
    {
        if (attribute.Mutability == Mutability.ReadOnly && !Mutation.Allowed(attribute, JsonMembers.Get(container, attribute.Name), value, op, name))
            return;
        if (filter is null && sub is null) ApplyToAll(value);
        else ApplyToSelected(filter, sub, value);
    }

    private void ApplyToAll(JsonNode? value)
    {
        switch (op)
        {
            case PatchOperationType.Remove when value is null:
                JsonMembers.Remove(container, attribute.Name);
                break;
            case PatchOperationType.Remove:
                RemoveListed(value);
                break;
            case PatchOperationType.Replace:
                var replacement = ValueReader.Attribute(attribute, value, name) as JsonArray;
                JsonMembers.Set(container, attribute.Name, replacement);
                if (replacement is not null) Mutation.KeepSolePrimary(replacement, replacement.OfType<JsonObject>(), name);
                break;
            default:
                var values = Values ?? [];
                var added = ((JsonArray)ValueReader.Attribute(attribute, value, name)!).Select(item => Add(values, item!.DeepClone())).ToList();
                JsonMembers.Set(container, attribute.Name, values);
                Mutation.KeepSolePrimary(values, added.OfType<JsonObject>(), name);
                break;
        }
    }

    // A new value equal to one the attribute has (by "value", and by "type" where both have one) is
    // merged into it rather than added twice, so adding a group member twice is harmless.
    private JsonNode Add(JsonArray values, JsonNode item)
    {
        var same = values.FirstOrDefault(existing => SameValue(existing, item, byType: true));
        if (same is JsonObject sameObject && item is JsonObject itemObject)
        {
            // The value it has stays as it is (it may differ in letter case); the rest is merged.
            if (attribute.ValueSubAttribute is { } valueSub) JsonMembers.Remove(itemObject, valueSub.Name);
            Mutation.Merge(sameObject, itemObject);
        }
        else if (same is null) values.Add(item);
        return same ?? item;
    }

    // Entra ID removes group members as {"op": "Remove", "path": "members", "value": [{"value": "id"}]}:
    // only the values listed go, matched by their "value".
    private void RemoveListed(JsonNode value)
    {
        var values = Values;
        if (values is null) return;
        var listed = value is JsonArray array ? array.ToList() : [value];
        foreach (var item in listed)
            foreach (var match in values.Where(existing => SameValue(existing, item, byType: false)).ToList())
                values.Remove(match);
    }

    private void ApplyToSelected(Filter? filter, AttributeDefinition? sub, JsonNode? value)
    {
        var scope = new AttributeScope.Element(attribute);
        var selected = Values?.OfType<JsonObject>().Where(element => filter is null || FilterEvaluator.Evaluate(filter, element, scope)).ToList() ?? [];
        if (op == PatchOperationType.Remove || (sub is null && JsonMembers.IsNull(value)))
        {
            RemoveSelected(selected, sub);
            return;
        }
        var effectiveOp = op;
        if (selected.Count == 0)
        {
            selected = [Create(filter)];
            effectiveOp = PatchOperationType.Add;
        }
        foreach (var element in selected)
        {
            if (sub is not null)
            {
                if (Mutation.Allowed(sub, JsonMembers.Get(element, sub.Name), value, effectiveOp, name))
                    JsonMembers.Set(element, sub.Name, ValueReader.Single(sub, value, name));
            }
            else if (ValueReader.Single(attribute, value, name) is JsonObject read)
            {
                if (effectiveOp == PatchOperationType.Replace) element.Clear();
                Mutation.Merge(element, read);
            }
        }
        Mutation.KeepSolePrimary(Values!, selected, name);
    }

    private void RemoveSelected(List<JsonObject> selected, AttributeDefinition? sub)
    {
        foreach (var element in selected)
        {
            if (sub is null) Values!.Remove(element);
            else if (Mutation.Allowed(sub, JsonMembers.Get(element, sub.Name), null, op, name)) JsonMembers.Remove(element, sub.Name);
        }
    }

    /// <summary>
    /// The value an add (or a replace on an attribute without values) makes when its filter selects
    /// none: the filter's <c>eq</c> terms (<c>emails[type eq "work"].value</c> makes a work email).
    /// A filter of anything else cannot say what to make: <c>noTarget</c>.
    /// </summary>
    private JsonObject Create(Filter? filter)
    {
        if (op == PatchOperationType.Replace && Values is { Count: > 0 })
            throw ScimException.NoTarget($"No value of `{attribute.Name}` matches `{name}`.");
        var created = new JsonObject();
        if (filter is not null && !Seed(filter, created))
            throw ScimException.NoTarget($"No value of `{attribute.Name}` matches `{name}`, and its filter does not say what to add.");
        var values = Values ?? [];
        values.Add(created);
        JsonMembers.Remove(container, attribute.Name);
        container[attribute.Name] = values;
        return created;
    }

    private bool Seed(Filter filter, JsonObject created) => filter switch
    {
        AndFilter and => Seed(and.Left, created) && Seed(and.Right, created),
        CompareFilter { Operator: CompareOperator.Eq, Path: { SchemaUrn: null, SubAttribute: null } path } compare
            when attribute.SubAttribute(path.Name) is { } sub && JsonMembers.Key(created, sub.Name) is null && Literal(compare.Value) is { } literal
            => Set(created, sub.Name, literal),
        _ => false,
    };

    private static bool Set(JsonObject target, string key, JsonNode value)
    {
        target[key] = value;
        return true;
    }

    private static JsonNode? Literal(ComparisonValue value) => value switch
    {
        ComparisonValue.String text => JsonValue.Create(text.Value),
        ComparisonValue.Boolean boolean => JsonValue.Create(boolean.Value),
        ComparisonValue.Number number => JsonValue.Create(number.Value),
        _ => null,
    };

    private bool SameValue(JsonNode? existing, JsonNode? item, bool byType)
    {
        if (existing is JsonObject existingObject && item is JsonObject itemObject && attribute.ValueSubAttribute is { } valueSub
            && JsonMembers.Get(itemObject, valueSub.Name) is { } itemValue)
        {
            return TextEquals(JsonMembers.Get(existingObject, valueSub.Name), itemValue, valueSub.CaseExact)
                && (!byType || attribute.SubAttribute("type") is not { } typeSub
                    || JsonMembers.Get(existingObject, typeSub.Name) is not { } existingType
                    || JsonMembers.Get(itemObject, typeSub.Name) is not { } itemType
                    || TextEquals(existingType, itemType, typeSub.CaseExact));
        }
        return JsonNode.DeepEquals(existing, item);
    }

    private static bool TextEquals(JsonNode? left, JsonNode? right, bool caseExact) =>
        left is JsonValue l && right is JsonValue r && l.TryGetValue<string>(out var a) && r.TryGetValue<string>(out var b)
            ? string.Equals(a, b, caseExact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
            : JsonNode.DeepEquals(left, right);
}
