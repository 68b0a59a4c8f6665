using System.Text.Json.Nodes;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Events;
using FleetUsers.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Events;

/// <summary>The cursor of the next page: the id of the last event of this one (the one asked after when the page is empty).</summary>
public sealed record EventFeedMetadata(string? Next, int Limit);

public sealed record EventFeedResponse(IReadOnlyList<JsonNode> Data, EventFeedMetadata Metadata);

/// <summary>The change feed: GET /v1/events.</summary>
public static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>What the document shows and the handler accepts.</summary>
    private static readonly QueryParameter[] Parameters =
    [
        QueryParameter.Text("after", "The cursor: metadata.next of the previous page. Absent: from the oldest event kept."),
        QueryParameter.Integer("limit", $"1 to {MaxLimit}; default {DefaultLimit}."),
        QueryParameter.Text("types", $"Comma-separated event types ({string.Join(", ", EventTypes.All)}); absent: all."),
    ];

    public static void MapEventsApi(this RouteGroupBuilder v1)
    {
        v1.MapGet("/events", ListAsync)
            .WithTags("Events")
            .WithName("ListEvents")
            .WithSummary("Every change of the company, oldest first, after a cursor.")
            .WithDescription("Ask again with after=metadata.next to resume: no event is skipped or repeated, even while "
                + "changes go on. Events are kept for the retention period (Events__RetentionDays). Readable by an Administrator "
                + "of the company's root group (a user or an API client).")
            .WithQueryParameters(Parameters)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden);
    }

    private static async Task<Ok<EventFeedResponse>> ListAsync(HttpContext http, EventFeed feed)
    {
        var query = new QueryReader(http.Request.Query, Parameters);
        var after = query.Uuid("after", "after must be the metadata.next of a previous page");
        var limit = query.Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        var types = Types(query);
        if (query.Problems.Count > 0)
        {
            throw new ValidationFailedException(query.Problems);
        }
        var page = await feed.ReadAsync(CallerFilter.Of(http), after, types, limit, http.RequestAborted);
        return TypedResults.Ok(new EventFeedResponse(
            page.Events.Select(e => JsonNode.Parse(e.Body)!).ToList(), new EventFeedMetadata(page.Next?.ToString(), page.Limit)));
    }

    /// <summary>The types asked for (repeated or comma-separated); null for all.</summary>
    private static List<string>? Types(QueryReader query)
    {
        var given = query.Values("types").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (given.Count == 0 && !query.Values("types").Any())
        {
            return null;
        }
        var types = given.Count == 0 ? null : EventTypes.Parse(given);
        if (types is null)
        {
            query.Problems.Add($"types must be a comma-separated list of {string.Join(", ", EventTypes.All)}");
        }
        return types;
    }
}
