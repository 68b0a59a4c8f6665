using System.Globalization;
using System.Text;
using FleetUsers.Application.Transfer;
using FleetUsers.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetUsers.Web.Pages.ImportExport;

/// <summary>
/// The export's download: the users the signed-in person may read (<see cref="UserExportService"/>, as
/// <c>GET /v1/users</c> lists them), in the import's CSV format, streamed as it is read. A GET that
/// changes nothing, behind the section's policy; never cached.
/// </summary>
public static class ExportEndpoint
{
    public const string Path = "/console/import-export/users.csv";

    public static void MapConsoleExport(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, async (HttpContext http, ConsoleSession session, UserExportService exports, TimeProvider clock) =>
            {
                var response = http.Response;
                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.CacheControl = "no-store";
                var day = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                response.Headers.ContentDisposition = $"attachment; filename=\"users-{day}.csv\"";
                await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                await CsvUserFile.WriteAsync(writer, exports.ExportAsync(session.Caller, http.RequestAborted), http.RequestAborted);
                await writer.FlushAsync(http.RequestAborted);
            })
            .RequireAuthorization(ConsolePolicies.ImportExport)
            .ExcludeFromDescription();
}
