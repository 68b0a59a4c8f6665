namespace FleetUsers.Scim.Schema;

/// <summary>The resource types FleetUsers serves (RFC 7643 §6).</summary>
public static class ScimResourceTypes
{
    public static readonly ResourceType User = new("User", "/Users", "User Account", UserSchema.Schema,
        [new SchemaExtension(EnterpriseUserSchema.Schema, Required: false)]);

    public static readonly ResourceType Group = new("Group", "/Groups", "Group", GroupSchema.Schema, []);

    public static IReadOnlyList<ResourceType> All { get; } = [User, Group];

    public static IReadOnlyList<ResourceSchema> Schemas { get; } = [UserSchema.Schema, GroupSchema.Schema, EnterpriseUserSchema.Schema];
}
