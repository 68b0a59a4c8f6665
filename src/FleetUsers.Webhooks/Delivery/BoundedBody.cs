using System.Text;

namespace FleetUsers.Webhooks.Delivery;

/// <summary>Reads at most a bound of a response body, for the delivery log; the rest is never read.</summary>
internal static class BoundedBody
{
    /// <summary>
    /// The first <paramref name="bound"/> bytes as text (invalid UTF-8 replaced), or null when the body
    /// is empty. A body that fails or times out halfway keeps what arrived: the status has already
    /// decided the outcome. Only <paramref name="callerToken"/> cancelling throws.
    /// </summary>
    public static async Task<string?> ReadAsync(HttpResponseMessage response, int bound, CancellationToken readToken, CancellationToken callerToken)
    {
        if (bound == 0)
        {
            return null;
        }
        var buffer = new byte[bound];
        var filled = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(readToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while (filled < bound && (read = await stream.ReadAsync(buffer.AsMemory(filled), readToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }
            }
        }
        catch (Exception e) when (!callerToken.IsCancellationRequested && e is OperationCanceledException or IOException or HttpRequestException)
        {
            // Keep what arrived.
        }
        return filled == 0 ? null : Encoding.UTF8.GetString(buffer, 0, filled);
    }
}
