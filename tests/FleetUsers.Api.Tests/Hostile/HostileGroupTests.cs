using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using Microsoft.AspNetCore.WebUtilities;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>
/// Generated hostile requests (CsCheck) on the group operations a client writes: partial PUT,
/// bulk move, bulk import and the trail's query string, as the administrator and as a Group
/// Manager of one branch. Properties as for users: never a 5xx; every 4xx but 401 and 403 has
/// the contract's error body; a 4xx changes nothing (the tree and the trail read back identical).
/// 600 cases on SQLite, a tenth on PostgreSQL; a failure prints the request and the seed.
/// </summary>
public sealed class HostileGroupTests(FleetUsersApp app)
{
    private int Cases(int sqlite) => app.StoreName == "postgres" ? sqlite / 10 : sqlite;

    [StoreFact]
    public Task PartialPut_NeverFails_AndARefusalChangesNothing() =>
        RunAsync(t => Gen.Select(GroupOf(t), PutBody(t), (group, body) =>
            new GroupRequest(HttpMethod.Put, $"/v1/groups/{group}", Encoding.UTF8.GetBytes(body), "application/json")), Cases(200));

    [StoreFact]
    public Task BulkMove_NeverFails_AndARefusalChangesNothing() =>
        RunAsync(t => MoveBody(t).Select(body =>
            new GroupRequest(HttpMethod.Post, "/v1/groups/bulkMove", Encoding.UTF8.GetBytes(body), "application/json")), Cases(150));

    [StoreFact]
    public Task BulkImport_NeverFails_AndARefusalChangesNothing() =>
        RunAsync(t => ImportFile(t).Select(file =>
            new GroupRequest(HttpMethod.Post, "/v1/groups/bulkImport", file, "application/octet-stream")), Cases(150));

    [StoreFact]
    public Task AuditLogQuery_NeverFails() =>
        RunAsync(t => AuditQuery(t).Select(query => new GroupRequest(HttpMethod.Get, "/v1/groups/auditLogs?" + query, null, null)), Cases(100));

    private static readonly string[] Keys = ["name", "description", "parentId", "NAME", "id", "revision", ""];

    private static Gen<Guid> GroupOf(Target t) => Gen.OneOf(t.Groups.Select(Gen.Const).Append(Gen.Guid).ToArray());

    private static Gen<string> IdText(Target t) => Gen.Frequency(
        (6, GroupOf(t).Select(g => g.ToString())),
        (2, HostileText.Text));

    private static Gen<string> PutBody(Target t) => Gen.Frequency(
        (8, Gen.Select(Gen.OneOf(Keys.Select(Gen.Const).ToArray()), Gen.Frequency(
                (3, IdText(t).Select(id => HostileJson.String(id))),
                (4, HostileJson.Value)))
            .Array[0, 4].Select(members => HostileJson.Object(members))),
        (1, HostileJson.Value),
        (1, HostileJson.Malformed("{\"name\": \"x\"}").Select(Encoding.UTF8.GetString)));

    private static Gen<string> MoveBody(Target t)
    {
        var suffixed = Gen.Select(IdText(t), Gen.OneOf("/parentId", "/Id", "/PARENTID", "", "/", "/parentId/x"), (id, suffix) => HostileJson.String(id + suffix));
        var entry = Gen.Select(
            Gen.Frequency((6, Gen.Const("\"replace\"")), (1, HostileJson.Scalar)),
            Gen.Frequency((6, suffixed), (1, HostileJson.Value)),
            Gen.Frequency((6, suffixed), (1, HostileJson.Value)),
            Gen.Int[0, 9],
            (op, path, value, shape) => shape switch
            {
                0 => HostileJson.Object([("op", op), ("path", path)]),
                1 => HostileJson.Object([("op", op), ("path", path), ("value", value), ("extra", "1")]),
                2 => value,
                _ => HostileJson.Object([("op", op), ("path", path), ("value", value)]),
            });
        return Gen.Frequency(
            (8, entry.Array[0, 5].Select(HostileJson.Array)),
            (1, HostileJson.Value),
            (1, HostileJson.Malformed("[]").Select(Encoding.UTF8.GetString)));
    }

    private static Gen<byte[]> ImportFile(Target t)
    {
        var name = Gen.Frequency((4, Gen.OneOf("West", "East", "Oregon", "New", "new", "Ünïcode")), (3, HostileText.Text));
        var level = Gen.Frequency((4, Gen.OneOf(t.RootName, "West", "East", "Oregon", "Nowhere")), (2, HostileText.Text));
        var row = Gen.Select(name, HostileText.Text, level.Array[0, 15], Gen.Int[0, 4], (n, description, parents, quoting) =>
        {
            string[] fields = [n, description, "", .. parents];
            return string.Join(',', fields.Select(f => quoting == 0 ? f : "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        });
        var header = Gen.Frequency((8, Gen.Const(Groups.BulkImportTests.Header)), (1, HostileText.Text));
        return Gen.Frequency(
            (8, Gen.Select(header, row.Array[0, 8], Gen.OneOf("\n", "\r\n"), (h, rows, eol) => Encoding.UTF8.GetBytes(h + eol + string.Join(eol, rows)))),
            (1, Gen.Byte.Array[0, 64]),
            (1, Gen.Const(Array.Empty<byte>())));
    }

    private static Gen<string> AuditQuery(Target t)
    {
        var names = Gen.OneOf("limit", "offset", "userIdentifier", "groupIdentifier", "includeSubgroups", "action", "startDate", "endDate",
            "sort", "order", "page");
        var value = Gen.Frequency(
            (3, HostileText.UrlText),
            (2, Gen.OneOf("0", "1", "100", "101", "-1", "true", "CREATE", "move", "asc", "desc", "createdDate", "2024-09-07T00:00:00Z",
                "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2024-13-45")),
            (2, GroupOf(t).Select(g => g.ToString())),
            (1, Gen.Const(t.AdminUsername)));
        return Gen.Select(names, value).Array[0, 5].Select(pairs => string.Join('&', pairs.Select(p => $"{p.Item1}={p.Item2}")));
    }

    private async Task RunAsync(Func<Target, Gen<GroupRequest>> generator, int cases)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));
        var rootName = (await company.Admin.GetGroupAsync(company.RootId))["name"]!.GetValue<string>();
        var target = new Target([company.RootId, west, east, oregon], rootName, company.AdminUsername);
        var state = await SnapshotAsync(company.Admin);

        await Gen.Select(generator(target), Gen.Int[0, 3]).SampleAsync(async sample =>
        {
            var (request, sender) = sample;
            var (status, contentType, text) = await SendAsync(sender == 0 ? manager : company.Admin, request);
            if (status >= 500)
            {
                throw new InvalidOperationException($"{status} answered: {text}\nLast errors the app logged:\n{string.Join("\n", app.Logs.Errors.TakeLast(2))}");
            }
            if (status is >= 200 and < 300)
            {
                state = await SnapshotAsync(company.Admin);
                return;
            }
            CheckRefusal(status, contentType, text);
            var now = await SnapshotAsync(company.Admin);
            if (now != state)
            {
                throw new InvalidOperationException($"A {status} changed the data.\nbefore: {state}\nafter:  {now}");
            }
        }, iter: Math.Max(20, cases), threads: 1, writeLine: TestContext.Current.TestOutputHelper is { } output ? output.WriteLine : null);
    }

    private static async Task<(int Status, MediaTypeHeaderValue? ContentType, string Text)> SendAsync(HttpClient client, GroupRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType!);
        }
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, response.Content.Headers.ContentType, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The company's tree and its trail, as the administrator reads them.</summary>
    private static async Task<string> SnapshotAsync(HttpClient admin) =>
        (await admin.GetObjectAsync("/v1/groups")).ToJsonString() + (await admin.GetObjectAsync("/v1/groups/auditLogs?limit=1"))["metadata"]!.ToJsonString();

    private static void CheckRefusal(int status, MediaTypeHeaderValue? contentType, string text)
    {
        if (status is 401 or 403)
        {
            if (text.Length != 0)
            {
                throw new InvalidOperationException($"{status} with a body: {text}");
            }
            return;
        }
        using var document = contentType?.MediaType == "application/json" ? JsonDocument.Parse(text)
            : throw new InvalidOperationException($"{status} is not JSON: {text}");
        var root = document.RootElement;
        var wellFormed = root.ValueKind == JsonValueKind.Object
            && root.EnumerateObject().Select(p => p.Name).SequenceEqual(["error", "message"])
            && root.GetProperty("error").GetString() == ReasonPhrases.GetReasonPhrase(status)
            && root.GetProperty("message") is { ValueKind: JsonValueKind.Array } messages
            && messages.GetArrayLength() > 0
            && messages.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String && m.GetString()!.Length > 0);
        if (!wellFormed)
        {
            throw new InvalidOperationException($"{status} without the contract's error body: {text}");
        }
    }

    private sealed record Target(IReadOnlyList<Guid> Groups, string RootName, string AdminUsername);

    private sealed record GroupRequest(HttpMethod Method, string Path, byte[]? Body, string? ContentType)
    {
        public override string ToString() =>
            $"{Method} {Path} {ContentType} {(Body is null ? "" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 2_000)]))}";
    }
}
