using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Projection;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Projection;

public sealed class AttributeProjectionTests
{
    private static JsonObject Project(JsonObject resource, ResourceType type, string? attributes, string? excluded) =>
        AttributeProjection.Apply(resource, type,
            AttributeProjection.ParseList(attributes, "attributes"), AttributeProjection.ParseList(excluded, "excludedAttributes"));

    [Fact]
    public void Apply_NeitherList_ShowsWhatIsReturnedByDefault() =>
        Equal(Samples.User().ToJsonString(), Project(Samples.User(), ScimResourceTypes.User, null, null));

    [Fact]
    public void Apply_Attributes_ShowsThoseAndWhatIsAlwaysReturned() =>
        Equal("""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "id": "2819c223-7f76-453a-919d-413861904646", "userName": "bjensen@example.com", "active": true}
            """, Project(Samples.User(), ScimResourceTypes.User, "userName, ACTIVE", null));

    [Fact]
    public void Apply_SubAttributes_ShowOnlyThoseOfTheComplexAttribute() =>
        Equal("""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "id": "2819c223-7f76-453a-919d-413861904646",
             "name": {"givenName": "Barbara"},
             "emails": [{"value": "bjensen@example.com"}, {"value": "babs@jensen.org"}]}
            """, Project(Samples.User(), ScimResourceTypes.User, "name.givenName,emails.value", null));

    [Fact]
    public void Apply_ExtensionAttributes_ByTheirUrnPath_OrTheWholeExtension()
    {
        var byPath = Project(Samples.User(), ScimResourceTypes.User, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", null);
        var whole = Project(Samples.User(), ScimResourceTypes.User, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", null);

        Equal("""{"employeeNumber": "701984"}""", byPath[Samples.Enterprise]);
        Equal("""{"employeeNumber": "701984"}""", whole[Samples.Enterprise]);
        Assert.Equal(["schemas", "id", Samples.Enterprise], whole.Select(member => member.Key));
    }

    [Fact]
    public void Apply_ExcludedAttributes_LeaveThoseOut_AsEntraAsksOfGroups()
    {
        var group = Project(Samples.Group(), ScimResourceTypes.Group, null, "members");

        Assert.Equal(["schemas", "id", "externalId", "displayName", "meta"], group.Select(member => member.Key));
    }

    [Fact]
    public void Apply_ExcludedSubAttributes_LeaveTheRestOfTheAttribute() =>
        Equal("""{"familyName": "Jensen", "givenName": "Barbara"}""",
            Project(Samples.User(), ScimResourceTypes.User, null, "name.formatted")["name"]);

    [Fact]
    public void Apply_AnAttributeAlwaysReturned_CannotBeExcluded() =>
        Assert.Equal("2819c223-7f76-453a-919d-413861904646", (string)Project(Samples.User(), ScimResourceTypes.User, null, "id,userName")["id"]!);

    [Fact]
    public void Apply_BothLists_SelectThenExclude() =>
        Equal("""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
             "id": "2819c223-7f76-453a-919d-413861904646", "name": {"formatted": "Barbara Jensen", "givenName": "Barbara"}}
            """, Project(Samples.User(), ScimResourceTypes.User, "name", "name.familyName"));

    [Fact]
    public void Apply_NamesTheTypeDoesNotHave_SelectNothing() =>
        Assert.Equal(["schemas", "id"], Project(Samples.User(), ScimResourceTypes.User, "title,nickName", null).Select(member => member.Key));

    [Fact]
    public void Apply_MembersTheSchemaDoesNotHave_AreNotShown()
    {
        var user = Samples.User();
        user["password"] = "secret";

        Assert.False(Project(user, ScimResourceTypes.User, null, null).ContainsKey("password"));
    }

    [Fact]
    public void ParseList_AMalformedName_IsInvalidValueNamingTheParameter()
    {
        var error = Assert.Throws<ScimException>(() => AttributeProjection.ParseList("userName,emails[type eq \"work\"]", "attributes"));

        Assert.Equal((400, ScimErrorType.InvalidValue), (error.Status, error.ScimType));
        Assert.StartsWith("The attribute `emails[type eq \"work\"]` in attributes is not valid at position 7:", error.Detail);
    }

    // returned "never" and "request", which FleetUsers' schemas do not use, on a type of the test's own.
    private static readonly ResourceType Device = new("Device", "/Devices", "A device", new ResourceSchema("urn:example:Device", "Device", "A device",
    [
        new("serial", AttributeType.String, "Serial number."),
        new("secret", AttributeType.String, "Never shown.") { Returned = Returned.Never, Mutability = Mutability.WriteOnly },
        new("diagnostics", AttributeType.String, "Shown when asked for.") { Returned = Returned.Request },
        new("owner", AttributeType.Complex, "Who has it.")
        {
            SubAttributes =
            [
                new("name", AttributeType.String, "Name."),
                new("pin", AttributeType.String, "Never shown.") { Returned = Returned.Never },
                new("notes", AttributeType.String, "Shown when asked for.") { Returned = Returned.Request },
            ],
        },
    ]), []);

    private static JsonObject DeviceResource() => Samples.Parse("""
        {"schemas": ["urn:example:Device"], "id": "d1", "serial": "S-1", "secret": "s3cr3t", "diagnostics": "ok",
         "owner": {"name": "Babs", "pin": "1234", "notes": "n"}}
        """);

    [Fact]
    public void Apply_ReturnedNeverAndRequest_AreLeftOutByDefault() =>
        Equal("""{"schemas": ["urn:example:Device"], "id": "d1", "serial": "S-1", "owner": {"name": "Babs"}}""",
            Project(DeviceResource(), Device, null, null));

    [Fact]
    public void Apply_ReturnedRequest_IsShownWhenNamed_AndNeverNever() =>
        Equal("""{"schemas": ["urn:example:Device"], "id": "d1", "diagnostics": "ok", "owner": {"notes": "n"}}""",
            Project(DeviceResource(), Device, "diagnostics,secret,owner.notes,owner.pin", null));
}
