using System.Text.Json.Nodes;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Request bodies as mutable JSON, so a test can drop a key or give it a wrong type.</summary>
public static class UserBodies
{
    public static JsonObject GroupRole(Guid groupId, int roleId) => new() { ["groupId"] = groupId, ["roleId"] = roleId };

    /// <summary>A minimal create body with a unique name.</summary>
    public static JsonObject Create(Guid groupId, int roleId = RoleCatalog.Driver) => new()
    {
        ["firstName"] = "Test",
        ["lastName"] = "User" + Unique.Letters(),
        ["username"] = "user-" + Unique.Suffix(),
        ["groupRoles"] = new JsonArray(GroupRole(groupId, roleId)),
    };

    /// <summary>A complete PUT body, shaped like the seed's sample, with a unique username and employee id.</summary>
    public static JsonObject Update(Guid groupId, int roleId = RoleCatalog.Driver) => new()
    {
        ["allowVideoSearchDownload"] = false,
        ["cellPhoneCountry"] = "US",
        ["cellPhoneNumber"] = "+1234567890",
        ["email"] = "email@email.com",
        ["employeeId"] = "emp-" + Unique.Suffix(),
        ["firstName"] = "John",
        ["groupRoles"] = new JsonArray(GroupRole(groupId, roleId)),
        ["lastName"] = "Smith",
        ["loginEnabled"] = false,
        ["primaryGroupId"] = groupId,
        ["status"] = "Active",
        ["username"] = "j.smith-" + Unique.Suffix(),
    };

    /// <summary>The seed document's request sample, verbatim but for the group id (which must exist).</summary>
    public static string SeedSample(Guid groupId) => $$"""
        {
          "allowVideoSearchDownload": false,
          "cellPhoneCountry": "US",
          "cellPhoneNumber": "+1234567890",
          "email": "email@email.com",
          "employeeId": "j.smith",
          "firstName": "John",
          "groupRoles": [ { "groupId": "{{groupId}}", "roleId": 4 } ],
          "lastName": "Smith",
          "loginEnabled": true,
          "primaryGroupId": "{{groupId}}",
          "status": "Active",
          "username": "j.smith"
        }
        """;
}
