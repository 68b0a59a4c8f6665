namespace FleetUsers.Scim.Schema;

/// <summary>
/// A resource type of RFC 7643 §6: its core schema, its extensions, and the common attributes
/// (<c>id</c>, <c>externalId</c>, <c>meta</c>, §3.1) every resource has.
/// </summary>
public sealed record ResourceType(string Name, string Endpoint, string Description, ResourceSchema Schema, IReadOnlyList<SchemaExtension> Extensions)
{
    /// <summary>The core schema's URN, then each extension's.</summary>
    public IEnumerable<string> SchemaIds => Extensions.Select(extension => extension.Schema.Id).Prepend(Schema.Id);

    public ResourceSchema? Extension(string urn) =>
        Extensions.Select(extension => extension.Schema).FirstOrDefault(schema => schema.Id.Equals(urn, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The attribute a name refers to, ignoring case (RFC 7643 §2.1). Without a URN, a name is a
    /// common attribute or one of the core schema; an extension's attributes need its URN.
    /// </summary>
    public ResolvedAttribute? Resolve(string? schemaUrn, string name)
    {
        if (schemaUrn is null || schemaUrn.Equals(Schema.Id, StringComparison.OrdinalIgnoreCase))
        {
            var attribute = CommonAttributes.Find(name) ?? Schema.Attribute(name);
            return attribute is null ? null : new ResolvedAttribute(attribute, null);
        }
        var extension = Extension(schemaUrn);
        var extensionAttribute = extension?.Attribute(name);
        return extensionAttribute is null ? null : new ResolvedAttribute(extensionAttribute, extension);
    }
}

/// <summary>
/// An attribute of a resource type and where it lives: at the top of the resource, or inside the
/// object keyed by its extension's URN (RFC 7643 §3.3).
/// </summary>
public sealed record ResolvedAttribute(AttributeDefinition Definition, ResourceSchema? Extension);
