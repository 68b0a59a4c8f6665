using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Tests.Support;

namespace FleetUsers.Scim.Tests.Patch;

public sealed class PatchRequestReaderTests
{
    private static IReadOnlyList<PatchOperation> Read(string body) => PatchRequestReader.Read(JsonNode.Parse(body));

    private static ScimException Refused(string body) => Assert.Throws<ScimException>(() => Read(body));

    [Fact]
    public void Read_OperationsInAnyLetterCase_AsEntraSendsThem()
    {
        var operations = Read(TestJson.Operations("""
            [{"op": "Replace", "path": "active", "value": "False"},
             {"op": "ADD", "path": "nickName", "value": "Babs"},
             {"op": "remove", "path": "members[value eq \"u1\"]"}]
            """));

        Assert.Equal([PatchOperationType.Replace, PatchOperationType.Add, PatchOperationType.Remove], operations.Select(o => o.Op));
        Assert.Equal(["active", "nickName", "members"], operations.Select(o => o.Path!.Name));
        Assert.Equal("\"False\"", operations[0].Value!.ToJsonString());
        Assert.Equal([0, 1, 2], operations.Select(o => o.Index));
    }

    [Fact]
    public void Read_MemberNames_IgnoreLetterCase() =>
        Assert.Single(Read("""{"Schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "operations": [{"OP": "add", "Path": "title", "VALUE": "x"}]}"""));

    [Fact]
    public void Read_AnAddOrReplaceWithoutPath_TakesAnObjectOfAttributes()
    {
        var operation = Assert.Single(Read(TestJson.Operations("""[{"op": "replace", "value": {"active": false}}]""")));

        Assert.Null(operation.Path);
        Assert.Equal("""{"active":false}""", operation.Value!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"Operations": [{"op": "add", "path": "title", "value": "x"}]}""", "schemas must be")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "Operations": [{"op": "add", "path": "a", "value": "x"}]}""", "schemas must be")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}""", "Operations must be a list of at least one operation")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": []}""", "Operations must be a list of at least one operation")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": {"op": "add"}}""", "Operations must be a list")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "a", "value": 1}], "id": "x"}""", "The body has unknown members: id")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ["add"]}""", "Operations[0] must be an object")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "merge", "path": "a", "value": 1}]}""", "Operations[0].op must be add, replace or remove")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"path": "a", "value": 1}]}""", "Operations[0].op must be add, replace or remove")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": 7, "value": 1}]}""", "Operations[0].path must be a string")]
    [InlineData("""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add", "path": "a", "value": 1, "from": "b"}]}""", "Operations[0] has unknown members: from")]
    [InlineData("[]", "The body must be a PatchOp object")]
    public void Read_AMalformedRequest_IsInvalidSyntax(string body, string detail)
    {
        var error = Refused(body);

        Assert.Equal((400, ScimErrorType.InvalidSyntax), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail);
    }

    [Fact]
    public void Read_ARemoveWithoutPath_IsNoTarget()
    {
        var error = Refused(TestJson.Operations("""[{"op": "add", "path": "a", "value": 1}, {"op": "remove"}]"""));

        Assert.Equal((ScimErrorType.NoTarget, "Operations[1]: remove needs a path."), (error.ScimType, error.Detail));
    }

    [Theory]
    [InlineData("""[{"op": "add", "path": "title"}]""", "Operations[0]: add needs a value.")]
    [InlineData("""[{"op": "replace", "path": "title"}]""", "Operations[0]: replace needs a value.")]
    [InlineData("""[{"op": "replace", "value": "x"}]""", "Operations[0]: without a path, the value must be an object of attributes.")]
    [InlineData("""[{"op": "add", "value": [{"title": "x"}]}]""", "Operations[0]: without a path, the value must be an object of attributes.")]
    public void Read_AMissingOrMisshapenValue_IsInvalidValue(string operations, string detail)
    {
        var error = Refused(TestJson.Operations(operations));

        Assert.Equal((ScimErrorType.InvalidValue, detail), (error.ScimType, error.Detail));
    }

    [Fact]
    public void Read_AMalformedPath_IsInvalidPathNamingTheOperationAndPosition()
    {
        var error = Refused(TestJson.Operations("""[{"op": "remove", "path": "members[value eq \"u1\""}]"""));

        Assert.Equal(ScimErrorType.InvalidPath, error.ScimType);
        Assert.StartsWith("Operations[0].path: The path is not valid at position 22:", error.Detail);
    }
}
