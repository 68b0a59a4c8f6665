namespace FleetUsers.Webhooks.Delivery;

/// <summary>
/// One event for one endpoint: where, the endpoint's <c>whsec_</c> secret, the event's id (the
/// <c>webhook-id</c>, the same on every attempt, so receivers can drop duplicates) and the JSON body
/// exactly as it is to be signed and sent.
/// </summary>
public sealed record WebhookMessage(string Url, string Secret, string EventId, ReadOnlyMemory<byte> Body)
{
    // The secret stays out of logs that print the record.
    public override string ToString() => $"WebhookMessage {{ Url = {Url}, EventId = {EventId}, Body = {Body.Length} bytes }}";
}
