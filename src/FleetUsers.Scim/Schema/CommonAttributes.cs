namespace FleetUsers.Scim.Schema;

/// <summary>
/// <c>id</c>, <c>externalId</c> and <c>meta</c> (RFC 7643 §3.1): part of every resource, in no
/// schema's attribute list (so /Schemas does not show them, as RFC 7643 §8.7.1 does not).
/// </summary>
public static class CommonAttributes
{
    public static readonly AttributeDefinition Id = new("id", AttributeType.String,
        "A unique identifier for the resource, assigned by the service provider.")
    {
        CaseExact = true, Mutability = Mutability.ReadOnly, Returned = Returned.Always, Uniqueness = Uniqueness.Server,
    };

    public static readonly AttributeDefinition ExternalId = new("externalId", AttributeType.String,
        "An identifier for the resource as defined by the provisioning client.")
    {
        CaseExact = true,
    };

    public static readonly AttributeDefinition Meta = new("meta", AttributeType.Complex, "Resource metadata.")
    {
        Mutability = Mutability.ReadOnly,
        SubAttributes =
        [
            ReadOnly("resourceType", AttributeType.String, "The name of the resource type of the resource."),
            ReadOnly("created", AttributeType.DateTime, "When the resource was added to the service provider."),
            ReadOnly("lastModified", AttributeType.DateTime, "When the resource was last changed."),
            ReadOnly("location", AttributeType.Reference, "The URI of the resource.") with { ReferenceTypes = ["uri"] },
            ReadOnly("version", AttributeType.String, "The version of the resource, its ETag."),
        ],
    };

    public static IReadOnlyList<AttributeDefinition> All { get; } = [Id, ExternalId, Meta];

    public static AttributeDefinition? Find(string name) =>
        All.FirstOrDefault(attribute => attribute.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static AttributeDefinition ReadOnly(string name, AttributeType type, string description) =>
        new(name, type, description) { CaseExact = true, Mutability = Mutability.ReadOnly };
}
