namespace FleetUsers.Application.Users;

/// <summary>
/// What a SCIM client's write sets beside the profile: the identity provider's externalId, and whether
/// the user is SCIM-deleted (deactivated and unknown to SCIM) or provisioned.
/// </summary>
public sealed record ScimLink(string? ExternalId, bool Removed)
{
    public void ApplyTo(UserAccount user)
    {
        user.ExternalId = ExternalId;
        user.ScimRemoved = Removed;
    }
}
