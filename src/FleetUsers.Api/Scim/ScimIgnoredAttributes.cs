using System.Text.Json.Nodes;
using FleetUsers.Scim;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Patch;

namespace FleetUsers.Api.Scim;

/// <summary>
/// Attributes of RFC 7643's User and Enterprise User schemas that FleetUsers does not keep (not in its
/// /Schemas): providers send them by default (Okta's create has <c>locale</c> and <c>password</c>, Entra's
/// mappings <c>title</c>, <c>department</c>, <c>manager</c>), so a write ignores them rather than failing.
/// A password is never stored, logged or echoed. An attribute no RFC schema has is still <c>invalidPath</c>.
/// </summary>
public static class ScimIgnoredAttributes
{
    private static readonly HashSet<string> Core = new(StringComparer.OrdinalIgnoreCase)
    {
        "nickName", "profileUrl", "title", "userType", "preferredLanguage", "locale", "timezone", "password", "ims", "photos",
        "addresses", "entitlements", "roles", "x509Certificates",
    };

    private static readonly HashSet<string> Enterprise = new(StringComparer.OrdinalIgnoreCase)
    {
        "costCenter", "organization", "division", "department", "manager",
    };

    /// <summary>A POST or PUT body (a copy) without them.</summary>
    public static void RemoveFrom(JsonObject resource)
    {
        foreach (var key in resource.Select(member => member.Key).ToList())
        {
            if (Core.Contains(key) || Core.Contains(Strip(key, ScimUrns.User)) || Enterprise.Contains(Strip(key, ScimUrns.EnterpriseUser)))
            {
                resource.Remove(key);
            }
        }
        if (JsonMembers.Get(resource, ScimUrns.EnterpriseUser) is JsonObject extension)
        {
            foreach (var key in extension.Select(member => member.Key).Where(Enterprise.Contains).ToList())
            {
                extension.Remove(key);
            }
        }
    }

    /// <summary>PATCH operations without those that touch only them.</summary>
    public static IReadOnlyList<PatchOperation> RemoveFrom(IReadOnlyList<PatchOperation> operations)
    {
        var kept = new List<PatchOperation>();
        foreach (var operation in operations)
        {
            if (operation.Path is { } path)
            {
                var ignored = path.SchemaUrn is null || path.SchemaUrn.Equals(ScimUrns.User, StringComparison.OrdinalIgnoreCase)
                    ? Core.Contains(path.Name)
                    : path.SchemaUrn.Equals(ScimUrns.EnterpriseUser, StringComparison.OrdinalIgnoreCase) && Enterprise.Contains(path.Name);
                if (!ignored) kept.Add(operation);
            }
            else if (operation.Value is JsonObject value)
            {
                RemoveFrom(value);
                if (value.Count > 0) kept.Add(operation);
            }
            else
            {
                kept.Add(operation);
            }
        }
        return kept;
    }

    private static string Strip(string key, string urn) =>
        key.StartsWith(urn + ":", StringComparison.OrdinalIgnoreCase) ? key[(urn.Length + 1)..] : "";
}
