using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Patch;

/// <summary>RFC 7644 §3.5.2 <c>op</c>.</summary>
public enum PatchOperationType
{
    Add,
    Replace,
    Remove,
}

/// <summary>
/// One entry of a PATCH request's <c>Operations</c>, as read: <see cref="Index"/> is its place in
/// the request (for messages), <see cref="Value"/> a copy of what was sent.
/// </summary>
public sealed record PatchOperation(int Index, PatchOperationType Op, PatchPath? Path, JsonNode? Value)
{
    public string Name => $"Operations[{Index}]";
}
