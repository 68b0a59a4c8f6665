using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Groups;
using FleetUsers.Domain.Groups;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Groups;

/// <summary>The group trail, bulk import and bulk move: /v1/groups/auditLogs, /v1/groups/bulkImport, /v1/groups/bulkMove.</summary>
public static class GroupBulkApi
{
    public static void MapGroupBulkApi(this RouteGroupBuilder v1)
    {
        var groups = v1.MapGroup("/groups").WithTags("Groups");
        groups.MapGet("/auditLogs", AuditLogsAsync)
            .WithName("ListGroupAuditLogs").WithSummary("The company's group trail: each change of a group the caller can reach, newest first.")
            .WithDescription("Deleted groups stay in the trail. The actor's username, names, email and employee id are shown only where the caller "
                + "may read that user (otherwise only userId). The window is at most 7 days; without dates, the last 7 days.")
            .WithQueryParameters(GroupAuditQueryReader.Parameters)
            .WithMetadata(new OpenApiExamples(null, GroupSamples.AuditLogs))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden);
        groups.MapPost("/bulkImport", ImportAsync)
            .WithName("BulkImportGroups").WithSummary("Create the groups a CSV file lists that do not exist yet; idempotent.")
            .WithDescription("The file (application/octet-stream, UTF-8 CSV) has the fixed header "
                + string.Join(", ", GroupImportFile.Columns) + ". Each line is a group: its name, its description, Subgroups (ignored) "
                + "and the names of its parent's line from the root (the root's name first). 400 \"" + GroupImportFile.EmptyFile + "\" for a file "
                + $"without groups, and \"{GroupLimits.DepthExceeded}\" for a line filling the 13th hierarchy column (a group at level 14). "
                + "Needs Group Manager over each parent; 409 when the company would pass its bound on groups.")
            .WithMetadata(new FileRequestBody("application/octet-stream", "text/csv"))
            .WithMetadata(new OpenApiExamples(null, GroupSamples.ImportReport))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict)
            .Produces<ErrorBody>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ErrorBody>(StatusCodes.Status415UnsupportedMediaType);
        groups.MapPost("/bulkMove", MoveAsync)
            .WithName("BulkMoveGroups").WithSummary("Move groups, each by the rules of a single move; refused moves are reported, the others made.")
            .WithDescription($"At most {MoveGroups.MaxMoves} moves a request, made in order. 400 \"{BulkMoveReader.NoGroups}\" for an empty list, "
                + "and for entries naming no group of the company; 403 when a group to move is not visible to the caller (nothing is moved then).")
            .AcceptsJson(GroupRequests.BulkMove, array: true)
            .WithMetadata(new OpenApiExamples(GroupSamples.BulkMoveRequest, GroupSamples.BulkMoveResponse))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<GroupAuditLogListResponse>> AuditLogsAsync(HttpContext http, ListGroupTrail audit, TimeProvider clock)
    {
        var query = GroupAuditQueryReader.Read(http.Request.Query, clock.GetUtcNow());
        return TypedResults.Ok(GroupAuditLogListResponse.From(await audit.ExecuteAsync(CallerFilter.Of(http), query, http.RequestAborted)));
    }

    private static async Task<Ok<ImportGroupsResponse>> ImportAsync(HttpContext http, GroupImportFile file, ImportGroups imports)
    {
        var rows = await file.ReadAsync(http.Request);
        return TypedResults.Ok(ImportGroupsResponse.From(await imports.ExecuteAsync(CallerFilter.Of(http), rows, http.RequestAborted)));
    }

    private static async Task<Ok<BulkMoveGroupResponse>> MoveAsync(HttpContext http, JsonRequest json, MoveGroups moves)
    {
        using var body = await json.ReadAsync(http.Request);
        var requests = BulkMoveReader.Read(body.RootElement);
        return TypedResults.Ok(BulkMoveGroupResponse.From(await moves.ExecuteAsync(CallerFilter.Of(http), requests, http.RequestAborted)));
    }
}
