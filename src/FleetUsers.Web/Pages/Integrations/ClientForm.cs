using System.Globalization;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;

namespace FleetUsers.Web.Pages.Integrations;

/// <summary>The new-client form as posted: every value a string, read and checked here so a bad one is named, never thrown.</summary>
public sealed class ClientForm
{
    public const string ApiKind = "api";
    public const string ScimKind = "scim";

    public string? Name { get; set; }

    /// <summary><see cref="ApiKind"/> (client credentials) or <see cref="ScimKind"/> (an identity provider's provisioning).</summary>
    public string? Kind { get; set; } = ApiKind;

    public string? GroupId { get; set; }

    /// <summary>The client's role in the group; for a SCIM client, the role its new users receive there.</summary>
    public string? RoleId { get; set; }

    public bool IsScim => Kind == ScimKind;

    /// <summary>What the form asks of the service, or the problems that keep it from asking, each starting with its field's name.</summary>
    public (ClientRequest? Request, IReadOnlyList<string> Problems) Read()
    {
        var problems = new List<string>();
        if (FieldRules.Name("name", Name ?? "") is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        if (Kind is not (ApiKind or ScimKind))
        {
            problems.Add("kind must be an API client or a SCIM client");
        }
        if (!Guid.TryParse(GroupId, out var groupId))
        {
            problems.Add("groupId: choose the group the client acts in");
        }
        if (!int.TryParse(RoleId, NumberStyles.None, CultureInfo.InvariantCulture, out var roleId) || !RoleCatalog.Contains(roleId))
        {
            problems.Add("roleId: choose a role of the catalogue");
        }
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        // A SCIM client is Administrator of its group's subtree (as the command line makes it); the chosen role is what it gives.
        return IsScim
            ? (new ClientRequest(Name ?? "", groupId, RoleCatalog.Administrator, roleId), [])
            : (new ClientRequest(Name ?? "", groupId, roleId, null), []);
    }
}

/// <summary>A client to create, as the service takes it.</summary>
public sealed record ClientRequest(string Name, Guid GroupId, int RoleId, int? ScimRoleId);

/// <summary>The revoke form: the client, confirmed.</summary>
public sealed class RevokeForm
{
    public string? ClientId { get; set; }
}
