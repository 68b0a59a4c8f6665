namespace FleetUsers.Scim;

/// <summary>The media type of SCIM requests and responses (RFC 7644 §3.1, §8.1).</summary>
public static class ScimMediaType
{
    public const string Value = "application/scim+json";
}
