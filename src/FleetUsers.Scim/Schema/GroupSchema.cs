namespace FleetUsers.Scim.Schema;

/// <summary>
/// The core Group schema (RFC 7643 §4.2, §8.7.1). <c>displayName</c> is required and unique
/// (Entra ID matches groups by it); a member's <c>display</c> is the service provider's.
/// </summary>
public static class GroupSchema
{
    public static readonly ResourceSchema Schema = new(ScimUrns.Group, "Group", "Group",
    [
        new("displayName", AttributeType.String, "A human-readable name for the Group.")
        {
            Required = true, Uniqueness = Uniqueness.Server,
        },
        new("members", AttributeType.Complex, "A list of members of the Group.")
        {
            MultiValued = true,
            SubAttributes =
            [
                new("value", AttributeType.String, "Identifier of the member of this Group.") { Mutability = Mutability.Immutable },
                new("$ref", AttributeType.Reference, "The URI of the corresponding member resource.")
                {
                    Mutability = Mutability.Immutable, ReferenceTypes = ["User", "Group"],
                },
                new("display", AttributeType.String, "The name of the member.") { Mutability = Mutability.ReadOnly },
                new("type", AttributeType.String, "The type of the member.")
                {
                    Mutability = Mutability.Immutable, CanonicalValues = ["User", "Group"],
                },
            ],
        },
    ]);
}
