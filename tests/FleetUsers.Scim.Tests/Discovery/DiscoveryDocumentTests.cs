using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Discovery;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Discovery;

public sealed class DiscoveryDocumentTests
{
    private const string Base = "https://fleet.example.com/scim/v2/";

    private static JsonNode RoundTrip(JsonNode document) => JsonNode.Parse(document.ToJsonString())!;

    private static JsonObject Schema(string id) => SchemaDocuments.Find(id, Base)!;

    private static JsonNode Attribute(JsonNode parent, string name, string list = "attributes") =>
        parent[list]!.AsArray().Single(attribute => (string)attribute!["name"]! == name)!;

    private static string[] Names(JsonNode parent, string list = "attributes") =>
        parent[list]!.AsArray().Select(attribute => (string)attribute!["name"]!).ToArray();

    [Fact]
    public void Schemas_AreAListResponseOfTheThreeSchemas()
    {
        var list = RoundTrip(SchemaDocuments.List(Base));

        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:ListResponse", (string)list["schemas"]![0]!);
        Assert.Equal((3, 3, 1), ((int)list["totalResults"]!, (int)list["itemsPerPage"]!, (int)list["startIndex"]!));
        Assert.Equal(
            ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:core:2.0:Group", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
            list["Resources"]!.AsArray().Select(schema => (string)schema!["id"]!));
    }

    [Fact]
    public void UserSchema_HasTheAttributesFleetUsersKeeps()
    {
        var user = Schema("urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.Equal(["userName", "name", "displayName", "emails", "phoneNumbers", "active", "groups"], Names(user));
        Assert.Equal(["formatted", "familyName", "givenName"], Names(Attribute(user, "name"), "subAttributes"));
        Assert.Equal(["value", "type", "primary"], Names(Attribute(user, "emails"), "subAttributes"));
        Assert.Equal(["value", "$ref", "display"], Names(Attribute(user, "groups"), "subAttributes"));
        Equal("""["work", "home", "mobile", "fax", "pager", "other"]""", Attribute(Attribute(user, "phoneNumbers"), "type", "subAttributes")["canonicalValues"]);
        user.Remove("attributes");
        Equal("""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"], "id": "urn:ietf:params:scim:schemas:core:2.0:User",
             "name": "User", "description": "User Account",
             "meta": {"resourceType": "Schema", "location": "https://fleet.example.com/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"}}
            """, user);
    }

    [Fact]
    public void UserSchema_StatesEachCharacteristic() =>
        Equal("""
            {"name": "userName", "type": "string", "multiValued": false,
             "description": "Unique identifier for the User, used by the user to log in. Each User must have a non-empty userName, unique among the service provider's Users, ignoring case.",
             "required": true, "caseExact": false, "mutability": "readWrite", "returned": "default", "uniqueness": "server"}
            """, Attribute(Schema("urn:ietf:params:scim:schemas:core:2.0:User"), "userName"));

    [Fact]
    public void UserSchema_DerivedAndGroupAttributes_AreReadOnly()
    {
        var user = Schema("urn:ietf:params:scim:schemas:core:2.0:User");

        Assert.Equal("readOnly", (string)Attribute(user, "displayName")["mutability"]!);
        Assert.Equal("readOnly", (string)Attribute(Attribute(user, "name"), "formatted", "subAttributes")["mutability"]!);
        Assert.Equal("readOnly", (string)Attribute(user, "groups")["mutability"]!);
        Equal("""
            {"name": "$ref", "type": "reference", "multiValued": false, "description": "The URI of the corresponding Group resource.",
             "required": false, "caseExact": false, "mutability": "readOnly", "returned": "default", "uniqueness": "none",
             "referenceTypes": ["User", "Group"]}
            """, Attribute(Attribute(user, "groups"), "$ref", "subAttributes"));
    }

    [Fact]
    public void EnterpriseUserSchema_HasEmployeeNumber() =>
        Assert.Equal(["employeeNumber"], Names(Schema("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")));

    [Fact]
    public void GroupSchema_HasDisplayNameAndMembers()
    {
        var group = Schema("urn:ietf:params:scim:schemas:core:2.0:Group");

        Assert.Equal(["displayName", "members"], Names(group));
        Assert.Equal(["value", "$ref", "display", "type"], Names(Attribute(group, "members"), "subAttributes"));
        Assert.True((bool)Attribute(group, "members")["multiValued"]!);
        Assert.Equal("immutable", (string)Attribute(Attribute(group, "members"), "value", "subAttributes")["mutability"]!);
    }

    [Fact]
    public void Schemas_HaveNoNulls()
    {
        var text = SchemaDocuments.List(Base).ToJsonString();

        Assert.DoesNotContain("null", text, StringComparison.Ordinal);
        Assert.Null(SchemaDocuments.Find("urn:example:Unknown", Base));
    }

    [Fact]
    public void ResourceTypes_DescribeUsersWithTheEnterpriseExtensionAndGroups()
    {
        var list = RoundTrip(ResourceTypeDocuments.List(Base));

        Equal("""
            [{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "User", "name": "User", "endpoint": "/Users",
              "description": "User Account", "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
              "schemaExtensions": [{"schema": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "required": false}],
              "meta": {"resourceType": "ResourceType", "location": "https://fleet.example.com/scim/v2/ResourceTypes/User"}},
             {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"], "id": "Group", "name": "Group", "endpoint": "/Groups",
              "description": "Group", "schema": "urn:ietf:params:scim:schemas:core:2.0:Group",
              "meta": {"resourceType": "ResourceType", "location": "https://fleet.example.com/scim/v2/ResourceTypes/Group"}}]
            """, list["Resources"]);
        Assert.Equal("Group", (string)ResourceTypeDocuments.Find("group", Base)!["id"]!);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ServiceProviderConfig_SaysWhatIsImplemented(bool sort) =>
        Equal($$"""
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
             "documentationUri": "https://fleet.example.com/docs",
             "patch": {"supported": true},
             "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
             "filter": {"supported": true, "maxResults": 200},
             "changePassword": {"supported": false},
             "sort": {"supported": {{(sort ? "true" : "false")}}},
             "etag": {"supported": true},
             "authenticationSchemes": [{"type": "oauthbearertoken", "name": "OAuth Bearer Token",
               "description": "A bearer token in the Authorization header: a SCIM client's long-lived token, or an access token from client credentials.",
               "specUri": "https://www.rfc-editor.org/info/rfc6750", "primary": true}],
             "meta": {"resourceType": "ServiceProviderConfig", "location": "https://fleet.example.com/scim/v2/ServiceProviderConfig"} }
            """, RoundTrip(new ServiceProviderConfig(200) { SortSupported = sort, DocumentationUri = "https://fleet.example.com/docs" }.ToJson(Base)));

    [Fact]
    public void Documents_SerializeAsJson()
    {
        foreach (var document in new JsonNode[] { SchemaDocuments.List(Base), ResourceTypeDocuments.List(Base), new ServiceProviderConfig(100).ToJson(Base) })
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(document.ToJsonString()).RootElement.ValueKind);
    }
}
