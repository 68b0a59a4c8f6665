using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Changes;
using FleetUsers.Application.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FleetUsers.Api.Events;

/// <summary>Webhooks: /v1/webhooks, their delivery log and redelivery.</summary>
public static class WebhooksApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The delivery log's query: what the document shows and the handler accepts.</summary>
    private static readonly QueryParameter[] DeliveryParameters =
    [
        QueryParameter.Integer("limit", $"1 to {MaxLimit}; default {DefaultLimit}."),
        QueryParameter.Uuid("before", "metadata.next of the previous page: older deliveries."),
    ];

    private const string Who = "For an Administrator of the company's root group (a user or an API client), as the change feed.";

    public static void MapWebhooksApi(this RouteGroupBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapPost("/", CreateAsync)
            .WithName("CreateWebhook").WithSummary("Register an endpoint the company's changes are pushed to; the answer carries its signing secret, once.")
            .WithDescription("Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the "
                + "whsec_ secret of this answer: keep it, it is never shown again. url must be https (plain http and private addresses only "
                + $"when the operator allows them: Webhooks__AllowPrivateTargets). types: any of {string.Join(", ", EventTypes.All)}; "
                + "absent or null for every type. enabled defaults to true. " + Who)
            .AcceptsJson(WebhookRequestReader.Shape)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
        webhooks.MapGet("/", ListAsync)
            .WithName("ListWebhooks").WithSummary("The company's webhooks (never their secrets).").WithDescription(Who)
            .Produces(StatusCodes.Status403Forbidden);
        webhooks.MapGet("/{webhookId}", GetAsync)
            .WithName("GetWebhook").WithSummary("One webhook (never its secret).").WithDescription(Who)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        webhooks.MapPut("/{webhookId}", UpdateAsync)
            .WithName("UpdateWebhook").WithSummary("Replace a webhook's url, types and enabled (absent: every type, enabled); the secret stays.")
            .WithDescription("Enabling a webhook the service disabled resumes its deliveries where they stopped (events still kept). " + Who)
            .AcceptsJson(WebhookRequestReader.Shape)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        webhooks.MapDelete("/{webhookId}", DeleteAsync)
            .WithName("DeleteWebhook").WithSummary("Remove a webhook and its delivery log.").WithDescription(Who)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        webhooks.MapGet("/{webhookId}/deliveries", DeliveriesAsync)
            .WithName("ListWebhookDeliveries").WithSummary("The webhook's delivery log, newest first: one entry per event attempted.")
            .WithDescription("status: pending (failed so far, tried again at nextAttemptAt; later events wait behind it), succeeded, or "
                + "failed (given up). Page with before=metadata.next. " + Who)
            .WithQueryParameters(DeliveryParameters)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound);
        webhooks.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", RedeliverAsync)
            .WithName("RedeliverWebhookEvent").WithSummary("Send a delivery's event once more, now, and answer the delivery as it is after.")
            .WithDescription("The same webhook-id (receivers that already handled it may drop it), a fresh timestamp and signature; "
                + "outside the retry schedule and the endpoint's order. 409 for a delivery still pending (the worker retries it) "
                + "or whose event is past retention. " + Who)
            .Produces<ErrorBody>(StatusCodes.Status400BadRequest)
            .Produces(StatusCodes.Status403Forbidden)
            .Produces<ErrorBody>(StatusCodes.Status404NotFound)
            .Produces<ErrorBody>(StatusCodes.Status409Conflict);
    }

    private static async Task<Created<CreatedWebhookResponse>> CreateAsync(HttpContext http, JsonRequest json, WebhookEndpoints webhooks)
    {
        using var body = await json.ReadAsync(http.Request);
        var created = await webhooks.CreateAsync(CallerFilter.Of(http), WebhookRequestReader.Read(body.RootElement), http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store"; // the secret
        return TypedResults.Created($"/v1/webhooks/{created.Webhook.Id}", CreatedWebhookResponse.From(created));
    }

    private static async Task<Ok<WebhookListResponse>> ListAsync(HttpContext http, WebhookEndpoints webhooks)
    {
        var all = await webhooks.ListAsync(CallerFilter.Of(http), http.RequestAborted);
        return TypedResults.Ok(new WebhookListResponse(all.Select(WebhookResponse.From).ToList()));
    }

    private static async Task<Ok<WebhookResponse>> GetAsync(string webhookId, HttpContext http, WebhookEndpoints webhooks)
    {
        var id = QueryReader.PathId("webhookId", webhookId);
        return TypedResults.Ok(WebhookResponse.From(await webhooks.GetAsync(CallerFilter.Of(http), id, http.RequestAborted)));
    }

    private static async Task<Ok<WebhookResponse>> UpdateAsync(string webhookId, HttpContext http, JsonRequest json, WebhookEndpoints webhooks)
    {
        var id = QueryReader.PathId("webhookId", webhookId);
        using var body = await json.ReadAsync(http.Request);
        var updated = await webhooks.UpdateAsync(CallerFilter.Of(http), id, WebhookRequestReader.Read(body.RootElement), http.RequestAborted);
        return TypedResults.Ok(WebhookResponse.From(updated));
    }

    private static async Task<NoContent> DeleteAsync(string webhookId, HttpContext http, WebhookEndpoints webhooks)
    {
        var id = QueryReader.PathId("webhookId", webhookId);
        await webhooks.DeleteAsync(CallerFilter.Of(http), id, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<DeliveryListResponse>> DeliveriesAsync(string webhookId, HttpContext http, WebhookEndpoints webhooks)
    {
        var id = QueryReader.PathId("webhookId", webhookId);
        var query = new QueryReader(http.Request.Query, DeliveryParameters);
        var limit = query.Integer("limit", 1, MaxLimit) ?? DefaultLimit;
        var before = query.Uuid("before", "before must be the metadata.next of a previous page");
        if (query.Problems.Count > 0)
        {
            throw new Domain.ValidationFailedException(query.Problems);
        }
        var page = await webhooks.DeliveriesAsync(CallerFilter.Of(http), id, before, limit, http.RequestAborted);
        var next = page.Count == limit ? page[^1].Id.ToString() : null;
        return TypedResults.Ok(new DeliveryListResponse(page.Select(DeliveryResponse.From).ToList(), new DeliveryListMetadata(next, limit)));
    }

    private static async Task<Ok<DeliveryResponse>> RedeliverAsync(string webhookId, string deliveryId, HttpContext http, WebhookEndpoints webhooks)
    {
        var id = QueryReader.PathId("webhookId", webhookId);
        var delivery = QueryReader.PathId("deliveryId", deliveryId);
        var after = await webhooks.RedeliverAsync(CallerFilter.Of(http), id, delivery, http.RequestAborted);
        return TypedResults.Ok(DeliveryResponse.From(after));
    }
}
