using FleetUsers.Api.Http;
using Microsoft.OpenApi;

namespace FleetUsers.Api.OpenApi;

/// <summary>
/// The OpenAPI request bodies, built from the shapes the readers read (<see cref="BodyShape"/>): each
/// shape a schema under its name in the components, a key in "required" when it must be sent, null in
/// its type when null is accepted.
/// </summary>
public static class BodySchemas
{
    public static OpenApiRequestBody RequestBody(JsonBody body, OpenApiDocument document)
    {
        var shape = Reference(body.Shape, document);
        return new OpenApiRequestBody
        {
            Required = true,
            Content = JsonRequest.MediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType
            {
                Schema = body.IsArray ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = shape } : shape,
            }),
        };
    }

    /// <summary>
    /// A reference to the shape's schema, added to the document's components the first time. Two shapes
    /// may share a name only if clients see them alike (GroupRoleRequest: PUT's also reads the groupName
    /// responses show, undocumented); any other reuse would silently document the first one for both.
    /// </summary>
    private static OpenApiSchemaReference Reference(BodyShape shape, OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        var schema = Schema(shape, document);
        if (!document.Components.Schemas.TryGetValue(shape.Name, out var registered))
        {
            document.Components.Schemas[shape.Name] = schema;
        }
        else if (Json(registered) != Json(schema))
        {
            throw new InvalidOperationException($"Two different request bodies are named {shape.Name}; give one of them another name.");
        }
        return new OpenApiSchemaReference(shape.Name, document);
    }

    private static OpenApiSchema Schema(BodyShape shape, OpenApiDocument document)
    {
        var keys = shape.Keys.Where(k => !k.Undocumented).ToList();
        var required = keys.Where(k => k.Presence is Presence.Required or Presence.RequiredNullable).Select(k => k.Name);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = shape.Description,
            Required = required.Any() ? new HashSet<string>(required) : null,
            Properties = keys.ToDictionary(k => k.Name, k => Schema(k, document)),
        };
    }

    private static string Json(IOpenApiSchema schema)
    {
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString();
    }

    private static IOpenApiSchema Schema(BodyKey key, OpenApiDocument document)
    {
        var nullable = key.Presence is Presence.RequiredNullable or Presence.Optional ? JsonSchemaType.Null : 0;
        if (key.Kind == JsonKind.Object)
        {
            var reference = Reference(key.Shape!, document);
            reference.Description = key.Description;
            return nullable == 0 ? reference : new OpenApiSchema { OneOf = [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] };
        }
        return new OpenApiSchema
        {
            Type = nullable | key.Kind switch
            {
                JsonKind.Boolean => JsonSchemaType.Boolean,
                JsonKind.Int32 => JsonSchemaType.Integer,
                JsonKind.Array or JsonKind.StringArray => JsonSchemaType.Array,
                _ => JsonSchemaType.String,
            },
            Format = key.Kind switch
            {
                JsonKind.Uuid => "uuid",
                JsonKind.Int32 => "int32",
                _ => null,
            },
            Items = key.Kind switch
            {
                JsonKind.Array => Reference(key.Shape!, document),
                JsonKind.StringArray => new OpenApiSchema { Type = JsonSchemaType.String },
                _ => null,
            },
            Description = key.Description,
        };
    }
}
