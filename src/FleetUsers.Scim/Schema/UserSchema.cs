namespace FleetUsers.Scim.Schema;

/// <summary>
/// The core User schema (RFC 7643 §4.1, §8.7.1) reduced to the attributes FleetUsers keeps.
/// <c>name.formatted</c> and <c>displayName</c> are derived from the given and family names, so
/// they are read-only; <c>groups</c> is read-only as in the RFC.
/// </summary>
public static class UserSchema
{
    public static readonly ResourceSchema Schema = new(ScimUrns.User, "User", "User Account",
    [
        new("userName", AttributeType.String,
            "Unique identifier for the User, used by the user to log in. Each User must have a non-empty userName, unique among the service provider's Users, ignoring case.")
        {
            Required = true, Uniqueness = Uniqueness.Server,
        },
        new("name", AttributeType.Complex, "The components of the user's name.")
        {
            SubAttributes =
            [
                new("formatted", AttributeType.String, "The full name, derived from givenName and familyName.") { Mutability = Mutability.ReadOnly },
                new("familyName", AttributeType.String, "The family name of the User."),
                new("givenName", AttributeType.String, "The given name of the User."),
            ],
        },
        new("displayName", AttributeType.String, "The name of the User, suitable for display; derived from the given and family names.")
        {
            Mutability = Mutability.ReadOnly,
        },
        new("emails", AttributeType.Complex, "Email addresses for the User.")
        {
            MultiValued = true,
            SubAttributes = TypedValue("Email address for the User.", "work", "home", "other"),
        },
        new("phoneNumbers", AttributeType.Complex, "Phone numbers for the User.")
        {
            MultiValued = true,
            SubAttributes = TypedValue("Phone number of the User.", "work", "home", "mobile", "fax", "pager", "other"),
        },
        new("active", AttributeType.Boolean, "The User's administrative status; an inactive User cannot log in."),
        new("groups", AttributeType.Complex, "The groups the User belongs to. Changed through the Group resource, not here.")
        {
            MultiValued = true,
            Mutability = Mutability.ReadOnly,
            SubAttributes =
            [
                new("value", AttributeType.String, "The identifier of the User's group.") { Mutability = Mutability.ReadOnly },
                new("$ref", AttributeType.Reference, "The URI of the corresponding Group resource.")
                {
                    Mutability = Mutability.ReadOnly, ReferenceTypes = ["User", "Group"],
                },
                new("display", AttributeType.String, "The name of the group.") { Mutability = Mutability.ReadOnly },
            ],
        },
    ]);

    private static AttributeDefinition[] TypedValue(string valueDescription, params string[] types) =>
    [
        new("value", AttributeType.String, valueDescription),
        new("type", AttributeType.String, "A label indicating the attribute's function.") { CanonicalValues = types },
        new("primary", AttributeType.Boolean, "Whether this is the primary value; true for at most one value."),
    ];
}
