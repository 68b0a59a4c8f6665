using FleetUsers.Scim.Filters;

namespace FleetUsers.Scim.Patch;

/// <summary>
/// <c>PATH = attrPath / valuePath [subAttr]</c> (RFC 7644 §3.5.2): an attribute, optionally a value
/// filter selecting some of its values, and optionally one sub-attribute (of the attribute, or of
/// the selected values).
/// </summary>
public sealed record PatchPath(string? SchemaUrn, string Name, Filter? ValueFilter = null, string? SubAttribute = null)
{
    public AttributePath Attribute => new(SchemaUrn, Name);

    public override string ToString() =>
        Attribute + (ValueFilter is null ? "" : $"[{ValueFilter}]") + (SubAttribute is null ? "" : "." + SubAttribute);
}
