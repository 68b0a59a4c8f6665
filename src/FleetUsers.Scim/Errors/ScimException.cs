using System.Globalization;
using System.Text.Json.Nodes;

namespace FleetUsers.Scim.Errors;

/// <summary>
/// A request the protocol refuses: the HTTP status, the RFC 7644 <c>scimType</c> (for 400s and some
/// 409s) and a detail for a person. The detail names what was wrong and never echoes a secret.
/// </summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;
    public string Detail { get; } = detail;

    public static ScimException InvalidFilter(string detail) => new(400, ScimErrorType.InvalidFilter, detail);
    public static ScimException InvalidPath(string detail) => new(400, ScimErrorType.InvalidPath, detail);
    public static ScimException NoTarget(string detail) => new(400, ScimErrorType.NoTarget, detail);
    public static ScimException InvalidValue(string detail) => new(400, ScimErrorType.InvalidValue, detail);
    public static ScimException InvalidSyntax(string detail) => new(400, ScimErrorType.InvalidSyntax, detail);
    public static ScimException Mutability(string detail) => new(400, ScimErrorType.Mutability, detail);
    public static ScimException TooMany(string detail) => new(400, ScimErrorType.TooMany, detail);
    public static ScimException Uniqueness(string detail) => new(409, ScimErrorType.Uniqueness, detail);
    public static ScimException InvalidVersion(string detail) => new(400, ScimErrorType.InvalidVersion, detail);
    public static ScimException NotFound(string detail) => new(404, null, detail);
    public static ScimException PreconditionFailed(string detail) => new(412, null, detail);

    /// <summary>The same error with its detail prefixed, e.g. by the operation it came from.</summary>
    public ScimException Within(string context) => new(Status, ScimType, $"{context}: {Detail}");

    /// <summary>The error resource of RFC 7644 §3.12 (<c>status</c> is a JSON string there).</summary>
    public JsonObject ToErrorResource()
    {
        var error = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimUrns.Error),
            ["status"] = Status.ToString(CultureInfo.InvariantCulture),
        };
        if (ScimType is not null) error["scimType"] = ScimType;
        error["detail"] = Detail;
        return error;
    }
}
