using FleetUsers.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FleetUsers.Api.OpenApi;

public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";

    /// <summary>The OpenAPI document at /openapi/v1.json: bearer security on /v1, and the seed's samples as examples.</summary>
    public static IServiceCollection AddFleetUsersOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FleetUsers",
                    Version = "v1",
                    Description = "A user directory for fleet-safety platforms: users in a tree of groups, with roles in those groups.",
                };
                document.Components ??= new OpenApiComponents();
                // The framework's placeholder for the JSON bodies (JsonBody's RequestType): BodySchemas gives each its schema.
                document.Components.Schemas?.Remove(nameof(System.Text.Json.JsonElement));
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The accessToken from POST /api/auth/user.",
                };
                ScimTag.Describe(document);
                foreach (var (path, item) in document.Paths)
                {
                    if (!path.StartsWith("/v1", StringComparison.Ordinal) || item.Operations is null)
                    {
                        continue;
                    }
                    foreach (var operation in item.Operations.Values)
                    {
                        operation.Security ??= [];
                        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
                        operation.Responses?.TryAdd("401", new OpenApiResponse { Description = "Missing, expired or invalid bearer token (empty body)." });
                        operation.Responses?.TryAdd("500", InternalError());
                    }
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                foreach (var declared in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameters>())
                {
                    operation.Parameters ??= [];
                    foreach (var parameter in declared.Parameters)
                    {
                        operation.Parameters.Add(parameter.ToOpenApi());
                    }
                }
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonBody>().FirstOrDefault() is { } body && context.Document is { } document)
                {
                    operation.RequestBody = BodySchemas.RequestBody(body, document);
                }
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<FileRequestBody>().FirstOrDefault() is { } file)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = file.MediaTypes.ToDictionary(type => type, _ => new OpenApiMediaType
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        }),
                    };
                }
                var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExamples>().FirstOrDefault();
                if (examples is null)
                {
                    return Task.CompletedTask;
                }
                if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
                {
                    foreach (var media in requestContent.Values)
                    {
                        media.Example = SeedSamples.Parse(examples.Request);
                    }
                }
                if (examples.Response is not null && operation.Responses?.TryGetValue(examples.ResponseStatus, out var response) == true
                    && response.Content is { } responseContent)
                {
                    foreach (var media in responseContent.Values)
                    {
                        media.Example = SeedSamples.Parse(examples.Response);
                    }
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>The contract's 500: an error body whose message says nothing of the cause.</summary>
    private static OpenApiResponse InternalError() => new()
    {
        Description = "An unexpected error; the body says only that (the detail goes to the log).",
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["error"] = new OpenApiSchema { Type = JsonSchemaType.String },
                        ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    },
                },
                Example = SeedSamples.Parse("""{ "error": "Internal Server Error", "message": "An unexpected error occurred." }"""),
            },
        },
    };
}
