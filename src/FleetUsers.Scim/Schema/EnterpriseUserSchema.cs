namespace FleetUsers.Scim.Schema;

/// <summary>The Enterprise User extension (RFC 7643 §4.3) reduced to <c>employeeNumber</c>.</summary>
public static class EnterpriseUserSchema
{
    public static readonly ResourceSchema Schema = new(ScimUrns.EnterpriseUser, "EnterpriseUser", "Enterprise User",
    [
        new("employeeNumber", AttributeType.String,
            "Numeric or alphanumeric identifier assigned to a person by the organization; unique in it, ignoring case."),
    ]);
}
