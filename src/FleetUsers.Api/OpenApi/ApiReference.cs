using Scalar.AspNetCore;

namespace FleetUsers.Api.OpenApi;

/// <summary>
/// The interactive API reference at /docs (Scalar), self-hosted: it asks nothing of anyone but this
/// service. No web fonts (the system's), no AI chat, no MCP, no telemetry, no developer toolbar
/// (its Share, Deploy and Generate SDK buttons reach Scalar's services), no button that opens
/// the document in Scalar's hosted client. "Try it" starts on the bearer scheme, so a token pasted
/// once is sent with every request. Light theme only, with darker colours where Scalar's fail WCAG
/// AA contrast; Scalar's page has no lang attribute and no option for one, so a line of script sets it.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    private const string SetLanguage = "<script>document.documentElement.lang = 'en';</script>";

    // Scalar's light theme draws method badges, placeholders and secondary text below 4.5:1 on white.
    private const string ContrastCss = """
        .light-mode, body.light-mode, .light-mode .scalar-app {
          --scalar-color-2: #3d4450;
          --scalar-color-3: #4f5663;
          --scalar-color-green: #0b6b2c;
          --scalar-color-blue: #0b4f8a;
          --scalar-color-orange: #8a4500;
          --scalar-color-yellow: #705500;
          --scalar-color-red: #a31515;
          --scalar-color-purple: #5b2a86;
          --scalar-color-pink: #8f1d5a;
        }
        """;

    public static void MapFleetUsersApiReference(this IEndpointRouteBuilder app) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle("FleetUsers API")
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .HideClientButton()
            .ForceLightMode()
            .WithCustomCss(ContrastCss)
            .AddHeadContent(SetLanguage)
            .AddPreferredSecuritySchemes(OpenApiSetup.BearerScheme)
            .AddHttpAuthentication(OpenApiSetup.BearerScheme, _ => { }));
}
