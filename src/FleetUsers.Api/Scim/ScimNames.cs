namespace FleetUsers.Api.Scim;

/// <summary>The SCIM names of the user fields the service's rules name, so a SCIM client reads its own attribute names in errors.</summary>
public static class ScimNames
{
    private static readonly (string Field, string Attribute)[] Names =
    [
        ("firstName", "name.givenName"),
        ("lastName", "name.familyName"),
        ("username", "userName"),
        ("employeeId", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"),
        ("cellPhoneNumber", "phoneNumbers[type eq \"mobile\"].value"),
        ("email", "emails.value"),
        ("status", "active"),
    ];

    public static string Translate(string problem)
    {
        foreach (var (field, attribute) in Names)
        {
            problem = System.Text.RegularExpressions.Regex.Replace(problem, $@"\b{field}\b", attribute);
        }
        return problem;
    }
}
