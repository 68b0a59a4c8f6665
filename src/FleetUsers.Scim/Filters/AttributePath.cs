namespace FleetUsers.Scim.Filters;

/// <summary>
/// <c>attrPath = [URI ":"] ATTRNAME *1subAttr</c> (RFC 7644 §3.4.2.2): an attribute, optionally
/// qualified by its schema URN and narrowed to one sub-attribute.
/// </summary>
public sealed record AttributePath(string? SchemaUrn, string Name, string? SubAttribute = null)
{
    public override string ToString() =>
        (SchemaUrn is null ? "" : SchemaUrn + ":") + Name + (SubAttribute is null ? "" : "." + SubAttribute);
}
