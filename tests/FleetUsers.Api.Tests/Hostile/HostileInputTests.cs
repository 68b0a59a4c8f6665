using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using FleetUsers.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// Generated hostile requests (CsCheck), 10,000 per run on SQLite across PUT, POST, PATCH
/// groupRoles, GET by identifier and list query strings. Properties: never a 5xx; every 4xx
/// but 401 and 403 carries the contract's error body (those two are empty); a 4xx changes
/// nothing (the target user reads back identical, no user and no audit entry appears).
/// A failure prints the request and the seed: set CsCheck_Seed to that seed to replay it first.
/// One class per endpoint, so the runs go in parallel.
/// </summary>
public abstract class HostileInputTests(FleetUsersApp app)
{
    /// <summary>The full run on SQLite; a tenth on PostgreSQL, whose text rules differ (it refuses NUL characters, for one).</summary>
    private double Share => app.StoreName == "postgres" ? 0.1 : 1.0;

    /// <summary>FLEETUSERS_HOSTILE_SCALE multiplies every count, for a deeper run by hand (10 runs ten times as many).</summary>
    private static double Scale =>
        double.TryParse(Environment.GetEnvironmentVariable("FLEETUSERS_HOSTILE_SCALE"), System.Globalization.CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    protected async Task RunAsync(Func<TargetIds, Gen<HostileRequest>> generator, int cases)
    {
        var target = await HostileTarget.CreateAsync(app);
        var state = await target.SnapshotAsync();
        var statuses = new SortedDictionary<int, int>();

        await generator(target.Ids).SampleAsync(async request =>
        {
            var (status, answer) = await SendAsync(target, request);
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
            if (status >= 500)
            {
                throw new InvalidOperationException($"{status} answered: {answer}\nLast errors the app logged:\n{string.Join("\n", app.Logs.Errors.TakeLast(2))}");
            }
            if (status is >= 200 and < 300)
            {
                state = await target.SnapshotAsync(); // an accepted change: the new state is the one to keep
                return;
            }
            CheckRefusal(status, answer);
            var now = await target.SnapshotAsync();
            if (now != state)
            {
                throw new InvalidOperationException($"A {status} changed the data.\nbefore: {state}\nafter:  {now}");
            }
        }, iter: Math.Max(50, (long)(cases * Share * Scale)), threads: 1, writeLine: TestContext.Current.TestOutputHelper is { } output ? output.WriteLine : null);

        TestContext.Current.TestOutputHelper?.WriteLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
    }

    private static async Task<(int Status, Answer Answer)> SendAsync(HostileTarget target, HostileRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = null;
            if (request.ContentType is { } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }
        if (request.IfMatch is { } ifMatch)
        {
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        if (request.ForwardedFor is { } address)
        {
            message.Headers.TryAddWithoutValidation("X-Forwarded-For", address);
        }
        using var response = await target.Client(request.Sender).SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, new Answer(response.Content.Headers.ContentType, text));
    }

    /// <summary>401 and 403 are empty; every other 4xx is {"error": reason phrase, "message": [sentences]}.</summary>
    private static void CheckRefusal(int status, Answer answer)
    {
        if (status is 401 or 403)
        {
            if (answer.Text.Length != 0)
            {
                throw new InvalidOperationException($"{status} with a body: {answer}");
            }
            return;
        }
        if (answer.ContentType?.MediaType != "application/json")
        {
            throw new InvalidOperationException($"{status} is not JSON: {answer}");
        }
        using var document = JsonDocument.Parse(answer.Text);
        var root = document.RootElement;
        var wellFormed = root.ValueKind == JsonValueKind.Object
            && root.EnumerateObject().Select(p => p.Name).SequenceEqual(["error", "message"])
            && root.GetProperty("error").ValueKind == JsonValueKind.String
            && root.GetProperty("error").GetString() == ReasonPhrases.GetReasonPhrase(status)
            && root.GetProperty("message") is { ValueKind: JsonValueKind.Array } messages
            && messages.GetArrayLength() > 0
            && messages.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString()!.Length > 0);
        if (!wellFormed)
        {
            throw new InvalidOperationException($"{status} without the contract's error body: {answer}");
        }
    }

    private sealed record Answer(MediaTypeHeaderValue? ContentType, string Text)
    {
        public override string ToString() => $"{ContentType} {(Text.Length > 2_000 ? Text[..2_000] + "…" : Text)}";
    }
}
