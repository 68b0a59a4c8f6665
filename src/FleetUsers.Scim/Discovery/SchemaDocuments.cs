using System.Text.Json.Nodes;
using FleetUsers.Scim.Messages;
using FleetUsers.Scim.Schema;

namespace FleetUsers.Scim.Discovery;

/// <summary>
/// The /Schemas documents (RFC 7643 §7, §8.7.1) written from the schema definitions, so they show
/// what the service implements. Optional characteristics that do not apply are left out rather
/// than sent as null (Entra ID asks for that).
/// </summary>
public static class SchemaDocuments
{
    /// <summary>GET /Schemas: every schema, as a list response.</summary>
    public static JsonObject List(string baseUrl) =>
        ScimListResponse.Create(ScimResourceTypes.Schemas.Select(schema => Document(schema, baseUrl)), ScimResourceTypes.Schemas.Count, 1);

    /// <summary>GET /Schemas/{id}, or null for a URN that is not one of the schemas.</summary>
    public static JsonObject? Find(string id, string baseUrl) =>
        ScimResourceTypes.Schemas.FirstOrDefault(schema => schema.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) is { } found
            ? Document(found, baseUrl)
            : null;

    public static JsonObject Document(ResourceSchema schema, string baseUrl) => new()
    {
        ["schemas"] = new JsonArray(ScimUrns.Schema),
        ["id"] = schema.Id,
        ["name"] = schema.Name,
        ["description"] = schema.Description,
        ["attributes"] = new JsonArray(schema.Attributes.Select(Attribute).ToArray<JsonNode?>()),
        ["meta"] = new JsonObject
        {
            ["resourceType"] = "Schema",
            ["location"] = $"{baseUrl.TrimEnd('/')}/Schemas/{schema.Id}",
        },
    };

    private static JsonObject Attribute(AttributeDefinition attribute)
    {
        var document = new JsonObject
        {
            ["name"] = attribute.Name,
            ["type"] = Camel(attribute.Type),
            ["multiValued"] = attribute.MultiValued,
            ["description"] = attribute.Description,
            ["required"] = attribute.Required,
            ["caseExact"] = attribute.CaseExact,
            ["mutability"] = Camel(attribute.Mutability),
            ["returned"] = Camel(attribute.Returned),
            ["uniqueness"] = Camel(attribute.Uniqueness),
        };
        if (attribute.CanonicalValues.Count > 0)
            document["canonicalValues"] = new JsonArray(attribute.CanonicalValues.Select(value => (JsonNode?)value).ToArray());
        if (attribute.Type == AttributeType.Reference)
            document["referenceTypes"] = new JsonArray(attribute.ReferenceTypes.Select(value => (JsonNode?)value).ToArray());
        if (attribute.IsComplex)
            document["subAttributes"] = new JsonArray(attribute.SubAttributes.Select(Attribute).ToArray<JsonNode?>());
        return document;
    }

    // The RFC's spellings: "dateTime", "readOnly", "readWrite", "writeOnly".
    internal static string Camel<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
