using System.Text.Json.Nodes;
using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Json;
using FleetUsers.Scim.Patch;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Api.Scim;

/// <summary>
/// A POST or PUT body as the resource it describes, checked against the resource type's schema exactly as a
/// PATCH's result is (unknown attributes, types, required ones): what a no-path "add" makes of it on an empty
/// resource. Unassigned attributes (null, [], as Entra sends <c>"roles": []</c>) set nothing, and the read-only
/// ones the caller names are ignored, as RFC 7643 §2.2 has a create or replace do.
/// </summary>
public static class ScimResourceBody
{
    public static JsonObject Read(JsonObject body, ResourceType type, string schemaUrn, IEnumerable<string> readOnly, Action<JsonObject>? ignoreMore = null)
    {
        var value = (JsonObject)body.DeepClone();
        foreach (var unassigned in value.Where(member => JsonMembers.IsEmpty(member.Value)).Select(member => member.Key).ToList())
        {
            value.Remove(unassigned);
        }
        foreach (var ignored in readOnly)
        {
            JsonMembers.Remove(value, ignored);
        }
        ignoreMore?.Invoke(value);
        try
        {
            return PatchApplier.Apply(new JsonObject { ["schemas"] = new JsonArray(schemaUrn) }, type,
                [new PatchOperation(0, PatchOperationType.Add, null, value)]);
        }
        catch (ScimException e)
        {
            throw new ScimException(e.Status, e.ScimType, e.Detail.Replace("Operations[0]: ", "", StringComparison.Ordinal));
        }
    }
}
