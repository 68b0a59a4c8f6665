using System.Text.Json.Nodes;

namespace FleetUsers.Api.OpenApi;

/// <summary>Endpoint metadata: a request and a response example for the OpenAPI document.</summary>
public sealed record OpenApiExamples(string? Request, string? Response, string ResponseStatus = "200");

/// <summary>
/// Endpoint metadata: the body is a file (binary) of these media types. Declared for the document only:
/// Accepts metadata would make routing answer 415 before the token is checked, with a JSON message.
/// </summary>
public sealed record FileRequestBody(params string[] MediaTypes);

/// <summary>The seed document's own samples (seed/update-a-user.txt), used as the examples of PUT /v1/users/{userId}.</summary>
public static class SeedSamples
{
    public const string UpdateRequest = """
        {
          "allowVideoSearchDownload": false,
          "cellPhoneCountry": "US",
          "cellPhoneNumber": "+1234567890",
          "email": "email@email.com",
          "employeeId": "j.smith",
          "firstName": "John",
          "groupRoles": [
            { "groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "roleId": 4 }
          ],
          "lastName": "Smith",
          "loginEnabled": true,
          "primaryGroupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0",
          "status": "Active",
          "username": "j.smith"
        }
        """;

    public const string FullUserResponse = """
        {
          "userId": "4af860ae-2e53-4d8b-a48e-606b862effed",
          "allowSafetyEventDownload": false,
          "allowVideoSearchDownload": false,
          "cellPhoneCountry": "US",
          "cellPhoneNumber": "+1234567890",
          "createdDate": "2025-06-20T11:25:07.874569-07:00",
          "email": "email@email.com",
          "employeeId": "j.smith",
          "firstName": "John",
          "groupRoles": [
            { "groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "groupName": "West Coast Group", "roleId": 4 }
          ],
          "lastLoginDate": "2025-06-24T11:25:07.874571-07:00",
          "lastName": "Smith",
          "loginEnabled": true,
          "primaryGroupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0",
          "status": "Active",
          "updatedDate": "2025-06-27T11:25:07.874572-07:00",
          "username": "j.smith"
        }
        """;

    public const string CreateRequest = """
        {
          "firstName": "John",
          "lastName": "Smith",
          "employeeId": "j.smith",
          "email": "email@email.com",
          "groupRoles": [
            { "groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "roleId": 4 }
          ]
        }
        """;

    public static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}

/// <summary>An example of GET /v1/users/{userId}/auditLogs for the OpenAPI document.</summary>
public static class AuditLogSamples
{
    public const string ListResponse = """
        {
          "data": [
            {
              "id": "0197a3c4-5b1e-7d2a-9c3f-1e2d3c4b5a69",
              "userId": "4af860ae-2e53-4d8b-a48e-606b862effed",
              "occurredAt": "2025-06-27T18:25:07.874572+00:00",
              "action": "update",
              "actor": { "type": "user", "id": "0197a3c4-0000-7000-8000-000000000001", "name": "admin" },
              "changes": [
                { "field": "email", "oldValue": null, "newValue": "email@email.com" },
                { "field": "groupRoles",
                  "oldValue": [ { "groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "roleId": 4 } ],
                  "newValue": [ { "groupId": "28a6d1a3-92c8-4eca-b8b3-d5d0e2d308d0", "roleId": 5 } ] },
                { "field": "password", "oldValue": null, "newValue": "changed" }
              ]
            }
          ],
          "metadata": { "count": 1, "limit": 100, "offset": 0 }
        }
        """;
}
