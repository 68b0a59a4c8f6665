using Microsoft.OpenApi;

namespace FleetUsers.Api.OpenApi;

/// <summary>
/// A query parameter for the OpenAPI document. The handlers read their query strings
/// themselves (to report every problem at once), so the parameters are declared here.
/// </summary>
public sealed record QueryParameter(string Name, JsonSchemaType Type, string Description, string? Format = null, bool Repeatable = false)
{
    public static QueryParameter Uuid(string name, string description, bool repeatable = false) =>
        new(name, JsonSchemaType.String, description, "uuid", repeatable);

    public static QueryParameter Integer(string name, string description, bool repeatable = false) =>
        new(name, JsonSchemaType.Integer, description, "int32", repeatable);

    public static QueryParameter Text(string name, string description, bool repeatable = false) =>
        new(name, JsonSchemaType.String, description, Repeatable: repeatable);

    public static QueryParameter Boolean(string name, string description) =>
        new(name, JsonSchemaType.Boolean, description);

    public OpenApiParameter ToOpenApi()
    {
        var schema = new OpenApiSchema { Type = Type, Format = Format };
        return new OpenApiParameter
        {
            Name = Name,
            In = ParameterLocation.Query,
            Description = Description,
            Schema = Repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = schema } : schema,
            Explode = true, // the default for query parameters: repeated as ?groupId=a&groupId=b
        };
    }
}

/// <summary>Endpoint metadata: the query parameters an endpoint reads.</summary>
public sealed record QueryParameters(IReadOnlyList<QueryParameter> Parameters);

public static class QueryParameterExtensions
{
    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, params QueryParameter[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new QueryParameters(parameters));
}
