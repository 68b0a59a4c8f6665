namespace FleetUsers.Api.OpenApi;

/// <summary>
/// The Lytx Group API document's own examples, for the OpenAPI document of /v1/groups: its ids,
/// names and descriptions, with dates written as this service writes them (UTC, with an offset).
/// </summary>
public static class GroupSamples
{
    public const string Group = """
        {
          "id": "0c3c9820-3ee4-e98d-0987-c7333e722f72",
          "name": "Food Transportation INC",
          "description": "this is a description",
          "parentId": "750c5226-0f0a-402d-dcec-f83ccbb5373e",
          "rootGroupId": "750c5226-0f0a-402d-dcec-f83ccbb5373e",
          "fullPath": "***Root\\Food Transportation INC",
          "fullPathId": "750c5226-0f0a-402d-dcec-f83ccbb5373e\\0c3c9820-3ee4-e98d-0987-c7333e722f72",
          "createdDate": "2023-01-01T00:00:00+00:00",
          "updatedDate": "2023-02-01T00:00:00+00:00",
          "revision": 1
        }
        """;

    public const string List = """
        {
          "groups": [
            {
              "id": "880e60d8-fbed-217a-1720-6511d9f16361",
              "name": "Test Group Name",
              "description": "Description here",
              "parentId": "880e60d8-fbed-217b-1720-6511d9f16361",
              "rootGroupId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "fullPath": "Test Root Group\\Test Parent Group\\Test Group Name",
              "fullPathId": "880e60d8-fbed-217c-1720-6511d9f16361\\880e60d8-fbed-217b-1720-6511d9f16361\\880e60d8-fbed-217a-1720-6511d9f16361",
              "createdDate": "2024-09-06T22:26:09.84+00:00",
              "updatedDate": "2024-09-06T22:26:09.84+00:00",
              "revision": 0
            },
            {
              "id": "880e60d8-fbed-217b-1720-6511d9f16361",
              "name": "Test Parent Group",
              "description": "Description here",
              "parentId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "rootGroupId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "fullPath": "Test Root Group\\Test Parent Group",
              "fullPathId": "880e60d8-fbed-217c-1720-6511d9f16361\\880e60d8-fbed-217b-1720-6511d9f16361",
              "createdDate": "2024-09-06T22:26:09.84+00:00",
              "updatedDate": "2024-09-07T22:26:09.84+00:00",
              "revision": 1
            }
          ],
          "metadata": { "count": 102, "limit": 100, "offset": 2 }
        }
        """;

    public const string AddRequest = """
        { "name": "testGroupName", "parentId": "880e70d8-aaf8-18aa-7ab0-6533d8f1c360", "description": "A new group being added." }
        """;

    public const string EditRequest = """
        { "name": "testGroupName", "parentId": "880e70d8-aaf8-18aa-7ab0-6533d8f1c360", "description": "A group being edited." }
        """;

    public const string Descendants = """
        ["880e60d8-fbed-217a-1720-6511d9f16361", "880e60d8-fbed-217b-1720-6511d9f16361", "880e60d8-fbed-217c-1720-6511d9f16361"]
        """;

    public const string AuditLogs = """
        {
          "data": [
            {
              "id": "880e60d8-fbed-217a-1720-6511d9f16361",
              "action": "UPDATE",
              "name": "Test Group Name",
              "description": "Updated Description here",
              "parentId": "880e60d8-fbed-217b-1720-6511d9f16361",
              "rootGroupId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "fullPath": "Test Root Group\\Test Parent Group\\Test Group Name",
              "fullPathId": "880e60d8-fbed-217c-1720-6511d9f16361\\880e60d8-fbed-217b-1720-6511d9f16361\\880e60d8-fbed-217a-1720-6511d9f16361",
              "revision": 1,
              "createdDate": "2024-09-06T22:26:09.84+00:00",
              "updatedDate": "2024-09-07T22:26:09.84+00:00",
              "deletedDate": null,
              "isDeleted": false,
              "userId": "660e60d8-fbed-217c-1720-6511d9f16361",
              "username": "johnsmith",
              "firstName": "John",
              "lastName": "Smith",
              "email": "johnsmith@gmail.com",
              "employeeId": "1234567"
            },
            {
              "id": "880e60d8-fbed-217b-1720-6511d9f16361",
              "action": "CREATE",
              "name": "Test Parent Group",
              "description": "Description here",
              "parentId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "rootGroupId": "880e60d8-fbed-217c-1720-6511d9f16361",
              "fullPath": "Test Root Group\\Test Parent Group",
              "fullPathId": "880e60d8-fbed-217c-1720-6511d9f16361\\880e60d8-fbed-217b-1720-6511d9f16361",
              "revision": 0,
              "createdDate": "2024-09-06T22:26:09.84+00:00",
              "updatedDate": "2024-09-06T22:26:09.84+00:00",
              "deletedDate": null,
              "isDeleted": false,
              "userId": "770e60d8-fbed-217c-1720-6511d9f16361",
              "username": null,
              "firstName": null,
              "lastName": null,
              "email": null,
              "employeeId": null
            }
          ],
          "metadata": { "count": 102, "limit": 100, "offset": 2 }
        }
        """;

    public const string ImportReport = """
        {
          "importedGroups": ["Root\\Group1"],
          "existingGroups": ["Root\\ExistingGroup"],
          "groupsFailedToImport": ["Root\\Group3\\FailedGroup"],
          "invalidGroupNames": ["InvalidGroup"]
        }
        """;

    public const string BulkMoveRequest = """
        [ { "op": "replace", "path": "880e70d8-aaf8-18aa-7ab0-6533d8f1c360/parentId", "value": "780e70d8-aaf8-18aa-7ab0-6533d8f1c390/Id" } ]
        """;

    public const string BulkMoveResponse = $$"""
        {
          "MovedGroups": [ {{Group}} ],
          "UnmovedGroups": [
            {
              "Group": {
                "id": "880e70d8-aaf8-18aa-7ab0-6533d8f1c360",
                "name": "testGroupName",
                "description": null,
                "parentId": "750c5226-0f0a-402d-dcec-f83ccbb5373e",
                "rootGroupId": "750c5226-0f0a-402d-dcec-f83ccbb5373e",
                "fullPath": "***Root\\testGroupName",
                "fullPathId": "750c5226-0f0a-402d-dcec-f83ccbb5373e\\880e70d8-aaf8-18aa-7ab0-6533d8f1c360",
                "createdDate": "2023-01-01T00:00:00+00:00",
                "updatedDate": "2023-01-01T00:00:00+00:00",
                "revision": 1
              },
              "ErrorMessage": "Request exceeds maximum group hierarchy depth. parentId 780e70d8-aaf8-18aa-7ab0-6533d8f1c390 is at level 13, so the group would reach level 14; a tree has at most 13 levels (the root is level 1)"
            }
          ]
        }
        """;
}
