using System.Text.Json;
using System.Text.Json.Nodes;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Tests.Support;

internal static class TestJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Equal as JSON (member order aside), showing both when not.</summary>
    public static void Equal(string expected, JsonNode? actual)
    {
        var expectedNode = JsonNode.Parse(expected);
        if (!JsonNode.DeepEquals(expectedNode, actual))
            Assert.Fail($"Expected:\n{expectedNode?.ToJsonString(Indented)}\nActual:\n{actual?.ToJsonString(Indented)}");
    }

    /// <summary>Reads a PATCH request body and applies it.</summary>
    public static JsonObject ApplyPatch(JsonObject resource, ResourceType type, string body) =>
        PatchApplier.Apply(resource, type, PatchRequestReader.Read(JsonNode.Parse(body)));

    public static string Operations(string operations) =>
        $$"""{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": {{operations}}}""";
}
