using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using Microsoft.OpenApi;

namespace FleetUsers.Api.Tests.OpenApi;

/// <summary>
/// A request body's schema is registered under its shape's name once: a second shape of that name must
/// look the same to clients, or the document would show the first one for both. No HTTP or store: this
/// is how the document is built, whatever serves it.
/// </summary>
public sealed class BodySchemaNameTests
{
    private static readonly BodyShape Thing = new("ThingRequest", null, [new("id", JsonKind.Uuid, Presence.Required, "The thing.")]);

    [Fact]
    public void ADifferentShapeUnderATakenName_Throws()
    {
        var document = new OpenApiDocument();
        BodySchemas.RequestBody(new JsonBody(Thing), document);
        var other = Thing with { Keys = [new("id", JsonKind.Uuid, Presence.Optional, "The thing.")] };

        var error = Assert.Throws<InvalidOperationException>(() => BodySchemas.RequestBody(new JsonBody(other), document));

        Assert.Contains("ThingRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AShapeDifferingOnlyInUndocumentedKeys_SharesTheName()
    {
        var document = new OpenApiDocument();
        BodySchemas.RequestBody(new JsonBody(Thing), document);
        var sentBack = Thing with { Keys = [.. Thing.Keys, new("name", JsonKind.String, Presence.Optional) { Undocumented = true }] };

        BodySchemas.RequestBody(new JsonBody(sentBack, IsArray: true), document);

        var schema = Assert.IsType<OpenApiSchema>(Assert.Single(document.Components!.Schemas!).Value);
        Assert.Equal(["id"], schema.Properties!.Keys);
    }
}
