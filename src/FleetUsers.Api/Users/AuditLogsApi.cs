using System.Text.Json.Nodes;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Audit;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Users;

public sealed record AuditActorResponse(string Type, string Id, string Name);

public sealed record FieldChangeResponse(string Field, JsonNode? OldValue, JsonNode? NewValue);

public sealed record AuditLogEntryResponse(
    Guid Id,
    Guid UserId,
    DateTimeOffset OccurredAt,
    string Action,
    AuditActorResponse Actor,
    IReadOnlyList<FieldChangeResponse> Changes)
{
    public static AuditLogEntryResponse From(AuditEntry e) => new(e.Id, e.UserId, e.OccurredAt, e.Action,
        new AuditActorResponse(e.Actor.Type, e.Actor.Id, e.Actor.Name),
        e.Changes.Select(c => new FieldChangeResponse(c.Field, c.OldValue?.DeepClone(), c.NewValue?.DeepClone())).ToList());
}

public sealed record AuditLogListResponse(IReadOnlyList<AuditLogEntryResponse> Data, ListMetadata Metadata);

/// <summary>A user's audit trail: /v1/users/{userId}/auditLogs.</summary>
public static class AuditLogsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>What the document shows and the handler accepts.</summary>
    private static readonly QueryParameter[] Parameters =
    [
        QueryParameter.Integer("limit", $"1 to {MaxLimit}; default {DefaultLimit}."),
        QueryParameter.Integer("offset", "Default 0."),
    ];

    public static void MapAuditLogsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/users/{userId}/auditLogs", ListAsync)
            .WithTags("Users")
            .WithName("ListUserAuditLogs")
            .WithSummary("The changes made to a user (create, update, group-role patch), newest first.")
            .WithDescription("Each entry names who made the change, when, and every field changed with its old and new value; "
                + "a password shows only as \"changed\". Readable by whoever may read the user.")
            .WithQueryParameters(Parameters)
            .WithMetadata(new OpenApiExamples(null, AuditLogSamples.ListResponse))
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<AuditLogListResponse>> ListAsync(string userId, HttpContext http, AuditLogService audit)
    {
        var query = new QueryReader(http.Request.Query, Parameters);
        if (!Guid.TryParse(userId, out var id))
        {
            query.Problems.Add("userId must be a UUID");
        }
        var limit = query.Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        var offset = query.Integer("offset", 0, int.MaxValue) ?? 0;
        if (query.Problems.Count > 0)
        {
            throw new ValidationFailedException(query.Problems);
        }
        var page = await audit.ListAsync(CallerFilter.Of(http), id, limit, offset, http.RequestAborted);
        return TypedResults.Ok(new AuditLogListResponse(
            page.Entries.Select(AuditLogEntryResponse.From).ToList(), new ListMetadata(page.Total, page.Limit, page.Offset)));
    }
}
