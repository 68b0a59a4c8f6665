namespace FleetUsers.Scim.Schema;

/// <summary>A schema of RFC 7643 §7: its URN, name and attributes.</summary>
public sealed record ResourceSchema(string Id, string Name, string Description, IReadOnlyList<AttributeDefinition> Attributes)
{
    public AttributeDefinition? Attribute(string name) =>
        Attributes.FirstOrDefault(attribute => attribute.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An extension schema of a resource type (RFC 7643 §6 <c>schemaExtensions</c>).</summary>
public sealed record SchemaExtension(ResourceSchema Schema, bool Required);
