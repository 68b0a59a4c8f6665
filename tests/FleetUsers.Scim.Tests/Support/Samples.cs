using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Tests.Support;

/// <summary>Resources as the service would hold them, each test getting its own copy.</summary>
internal static class Samples
{
    public const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static JsonObject User() => Parse("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
          "id": "2819c223-7f76-453a-919d-413861904646",
          "externalId": "bjensen-ext",
          "userName": "bjensen@example.com",
          "name": { "formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Barbara" },
          "displayName": "Barbara Jensen",
          "emails": [
            { "value": "bjensen@example.com", "type": "work", "primary": true },
            { "value": "babs@jensen.org", "type": "home" }
          ],
          "phoneNumbers": [ { "value": "+15555551234", "type": "mobile" } ],
          "active": true,
          "groups": [ { "value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Drivers" } ],
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { "employeeNumber": "701984" },
          "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "location": "https://example.com/scim/v2/Users/2819c223-7f76-453a-919d-413861904646",
            "version": "W/\"3\""
          }
        }
        """);

    public static JsonObject Group() => Parse("""
        {
          "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          "id": "abf4dd94-a4c0-4f67-89c9-76b03340cb9b",
          "externalId": "8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159",
          "displayName": "Tour Guides",
          "members": [
            { "value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen" },
            { "value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge" }
          ],
          "meta": { "resourceType": "Group", "version": "W/\"1\"" }
        }
        """);

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();
}
