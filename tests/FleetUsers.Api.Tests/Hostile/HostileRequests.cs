using System.Globalization;
using System.Text;
using CsCheck;

namespace FleetUsers.Api.Tests.Hostile;

/// <summary>One generated request: what is sent, by whom. Printed in full (body cut short) when a property fails.</summary>
public sealed record HostileRequest(HttpMethod Method, string Path, Sender Sender, byte[]? Body = null, string? ContentType = null,
    string? IfMatch = null, string? ForwardedFor = null)
{
    public override string ToString()
    {
        var body = Body is null ? "(none)" : Printable(Encoding.UTF8.GetString(Body));
        return $"{Method} {Path} as {Sender}; Content-Type: {ContentType ?? "(none)"}; If-Match: {IfMatch ?? "(none)"}; "
            + $"X-Forwarded-For: {ForwardedFor ?? "(the client's)"}; "
            + $"body ({Body?.Length ?? 0} bytes): {body}";
    }

    private static string Printable(string text)
    {
        var shown = text.Length > 600 ? text[..600] + "…" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}

/// <summary>The generators of hostile requests, one per endpoint, aimed at a <see cref="TargetIds"/>.</summary>
public static class HostileRequests
{
    private static readonly Gen<Sender> Senders = Gen.Frequency(
        (16, Gen.Const(Sender.Administrator)),
        (1, Gen.Const(Sender.ScopedAdministrator)),
        (1, Gen.Const(Sender.Coach)),
        (1, Gen.Const(Sender.NoToken)),
        (1, Gen.Const(Sender.ForgedToken)));

    private static readonly Gen<string?> ContentTypes = Gen.Frequency(
        (24, Gen.Const<string?>("application/json")),
        (1, Gen.OneOf<string?>("text/json", "application/problem+json", "application/json; charset=utf-16", "application/json; x=\"y")),
        (1, Gen.OneOf<string?>(null, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*", "json")));

    private static readonly Gen<string?> IfMatches = Gen.Frequency(
        (12, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>("*", "\"0\"", "\"1\"", "\"2\"", "W/\"1\"", "\"1\", \"2\"", "\"-1\"", "\"99999999999\"", "1", "\"", ",", "\"a\"")));

    public static Gen<HostileRequest> Put(TargetIds ids)
    {
        var valid = new List<(string, string)>
        {
            ("allowVideoSearchDownload", "true"),
            ("cellPhoneCountry", HostileJson.String("CA")),
            ("cellPhoneNumber", HostileJson.String("(555) 010-0200")),
            ("email", HostileJson.String("changed@example.com")),
            ("employeeId", HostileJson.String(ids.EmployeeId)),
            ("firstName", HostileJson.String("Hostile")),
            ("groupRoles", HostileJson.Array([RoleText(ids.RootId, 5), RoleText(ids.WestId, 4)])),
            ("lastName", HostileJson.String("Target")),
            ("loginEnabled", "true"),
            ("primaryGroupId", HostileJson.String(ids.WestId.ToString())),
            ("status", HostileJson.String("Active")),
            ("username", HostileJson.String(ids.Username)),
        };
        var fieldValue = Gen.Frequency((6, HostileJson.Value), (1, HostileBodies.GroupRoles(ids)), (1, Gen.Const(HostileJson.String(ids.TakenUsername))));
        var body = HostileBodies.Body(HostileBodies.Edited(valid, fieldValue), HostileJson.Object(valid));
        return Gen.Select(UserIdSegment(ids), Senders, body, ContentTypes, IfMatches,
            (id, sender, b, type, ifMatch) => new HostileRequest(HttpMethod.Put, $"/v1/users/{id}", sender, b, type, ifMatch));
    }

    public static Gen<HostileRequest> Post(TargetIds ids)
    {
        var fieldValue = Gen.Frequency((6, HostileJson.Value), (1, HostileBodies.GroupRoles(ids)), (1, Gen.Const(HostileJson.String(ids.EmployeeId))));
        var body = Gen.Select(Gen.String[Gen.Char['a', 'z'], 12, 12], Gen.Bool).SelectMany(x =>
        {
            var valid = new List<(string, string)>
            {
                ("firstName", HostileJson.String("New")),
                ("lastName", HostileJson.String("Hostile")),
                ("groupRoles", HostileJson.Array([RoleText(ids.WestId, 4)])),
            };
            if (x.Item2)
            {
                valid.Add(("username", HostileJson.String("hostile-" + x.Item1)));
                valid.Add(("password", HostileJson.String("Hostile-Pass-1")));
                valid.Add(("loginEnabled", "true"));
            }
            return HostileBodies.Body(HostileBodies.Edited(valid, fieldValue), HostileJson.Object(valid));
        });
        var path = Gen.Frequency((30, Gen.Const("/v1/users")), (1, Gen.OneOf(Gen.Const("/v1/users/"), HostileText.UrlText.Select(q => "/v1/users?" + q))));
        return Gen.Select(path, Senders, body, ContentTypes,
            (p, sender, b, type) => new HostileRequest(HttpMethod.Post, p, sender, b, type));
    }

    public static Gen<HostileRequest> PatchGroupRoles(TargetIds ids)
    {
        var groupSegment = Gen.Frequency(
            (4, Gen.OneOf(ids.Groups.Select(g => Gen.Const(g.ToString())).ToArray())),
            (1, Gen.Guid.Select(g => g.ToString())),
            (2, HostileText.Text));
        var roleSegment = Gen.Frequency((4, Gen.Int[1, 6].Select(r => r.ToString(CultureInfo.InvariantCulture))), (2, HostileText.Text));
        var removePath = Gen.Frequency(
            (5, Gen.Select(groupSegment, roleSegment, (g, r) => HostileJson.String($"/groups/{g}/roles/{r}"))),
            (1, Gen.OneOf(Gen.Const(HostileJson.String("/roles")), Gen.Const(HostileJson.String("/groups//roles/")))),
            (2, HostileJson.Value));
        var opName = Gen.Frequency((6, Gen.Const("add")), (6, Gen.Const("remove")), (1, Gen.OneOf(Gen.Const("ADD"), Gen.Const("replace"), Gen.Const("test"), HostileText.Text)));
        var fieldValue = Gen.Frequency((3, HostileJson.Value), (2, HostileBodies.GroupRole(ids)), (2, removePath));
        var operation = Gen.Frequency(
            (4, Gen.Select(opName, HostileBodies.GroupRole(ids)).SelectMany(x =>
                HostileBodies.Edited([("op", HostileJson.String(x.Item1)), ("path", HostileJson.String("/roles")), ("value", x.Item2)], fieldValue))),
            (4, Gen.Select(opName, removePath).SelectMany(x =>
                HostileBodies.Edited([("op", HostileJson.String(x.Item1)), ("path", x.Item2)], fieldValue))),
            (2, Gen.Select(opName, HostileBodies.GroupRole(ids)).Select(x =>
                HostileJson.Object([("op", HostileJson.String(x.Item1)), ("path", HostileJson.String("/roles")), ("value", x.Item2)]))),
            (1, HostileJson.Value));
        var operations = Gen.Frequency((60, operation.Array[0, 5]), (1, operation.Array[100, 400])).Select(HostileJson.Array);
        var valid = HostileJson.Array([HostileJson.Object([("op", HostileJson.String("add")), ("path", HostileJson.String("/roles")), ("value", RoleText(ids.EastId, 3))])]);
        var body = HostileBodies.Body(operations, valid);
        return Gen.Select(UserIdSegment(ids), Senders, body, ContentTypes, IfMatches,
            (id, sender, b, type, ifMatch) => new HostileRequest(HttpMethod.Patch, $"/v1/users/{id}/groupRoles", sender, b, type, ifMatch));
    }

    /// <summary>POST /api/auth/user: usernames and passwords of every shape, the target's own name among them.</summary>
    public static Gen<HostileRequest> Login(TargetIds ids)
    {
        var username = Gen.Frequency((2, Gen.Const(HostileJson.String(ids.Username))), (6, HostileJson.StringValue), (2, HostileJson.Value));
        var password = Gen.Frequency((6, HostileJson.StringValue), (2, HostileJson.Value));
        var valid = new List<(string, string)> { ("username", HostileJson.String(ids.Username)), ("password", HostileJson.String("Wrong-Pass-1")) };
        var likely = Gen.Frequency(
            (4, Gen.Select(username, password, (u, p) => HostileJson.Object([("username", u), ("password", p)]))),
            (2, HostileBodies.Edited(valid, Gen.Frequency((2, HostileJson.Value), (1, username)))));
        var body = HostileBodies.Body(likely, HostileJson.Object(valid));
        // Each from an address of its own (or a malformed one): one address is throttled after 20 failures.
        var address = Gen.Frequency(
            (8, Gen.Select(Gen.Byte, Gen.Byte, Gen.Byte, (a, b, c) => $"198.{a}.{b}.{c}")),
            (1, Gen.Select(Gen.UShort, Gen.UShort, (a, b) => $"2001:db8::{a:x}:{b:x}")),
            (1, Gen.OneOf("unknown", "", "1.2.3.4:80", "[::1]:443", "999.1.1.1", "1.2.3.4, 5.6.7.8", "_hidden", "::ffff:10.0.0.1", "%00")));
        return Gen.Select(body, ContentTypes, address, (b, type, from) => new HostileRequest(HttpMethod.Post, "/api/auth/user", Sender.NoToken, b, type, ForwardedFor: from));
    }

    /// <summary>GET /v1/users/{userIdentifier}?searchBy=, and now and then the user's audit log with hostile paging.</summary>
    public static Gen<HostileRequest> GetByIdentifier(TargetIds ids)
    {
        var identifier = Gen.Frequency(
            (3, Gen.OneOf(Gen.Const(ids.UserId.ToString()), Gen.Const(ids.UserId.ToString().ToUpperInvariant()),
                Gen.Const(ids.Username), Gen.Const(ids.EmployeeId.ToLowerInvariant()), Gen.Const(ids.OtherCompanyUserId.ToString()))),
            (1, Gen.Guid.Select(g => g.ToString("N"))),
            (5, HostileText.PathText));
        var searchBy = Gen.Frequency(
            (3, Gen.Const("")),
            (6, Gen.OneOf(Gen.Const("UserId"), Gen.Const("username"), Gen.Const("EMPLOYEEID"), Gen.Const("employeeid"))),
            (2, HostileText.UrlText.Select(v => "searchBy=" + v)),
            (1, Gen.OneOf(Gen.Const("Email"), Gen.Const("UserId&searchBy=Username"), Gen.Const("Username&limit=1"))));
        var lookup = Gen.Select(identifier, searchBy, (id, by) =>
            $"/v1/users/{id}" + (by.Length == 0 ? "" : by.Contains('=', StringComparison.Ordinal) ? "?" + by : "?searchBy=" + by));
        var auditLog = Gen.Select(UserIdSegment(ids), ListQuery(Gen.Frequency(
                (3, Gen.OneOf(Gen.Const("limit"), Gen.Const("offset"))), (1, HostileText.UrlText)), _ => Paging()),
            (id, query) => $"/v1/users/{id}/auditLogs{query}");
        var path = Gen.Frequency((6, lookup), (1, auditLog), (1, Gen.Select(UserIdSegment(ids), HostileText.PathText, (id, rest) => $"/v1/users/{id}/{rest}")));
        return Gen.Select(path, Senders, (p, sender) => new HostileRequest(HttpMethod.Get, p, sender));
    }

    /// <summary>GET /v1/users with hostile query strings: every filter, repeated, mistyped, unknown, encoded badly.</summary>
    public static Gen<HostileRequest> List(TargetIds ids)
    {
        string[] names = ["groupId", "roleId", "status", "loginEnabled", "includeSubGroups", "searchText", "limit", "offset", "order"];
        var name = Gen.Frequency((8, Gen.OneOf(names.Select(Gen.Const).ToArray())), (1, Gen.OneOf(names.Select(n => Gen.Const(n.ToUpperInvariant())).ToArray())), (1, HostileText.UrlText));
        var query = ListQuery(name, n => n.ToLowerInvariant() switch
        {
            "groupid" => Gen.Frequency(
                (4, Gen.OneOf(ids.Groups.Append(ids.OtherCompanyGroupId).Select(g => Gen.Const(g.ToString())).ToArray())),
                (1, Gen.Guid.Select(g => g.ToString())),
                (2, HostileText.UrlText)),
            "roleid" => Gen.Frequency((3, Gen.Int[0, 7].Select(r => r.ToString(CultureInfo.InvariantCulture))), (2, HostileText.UrlText)),
            "status" => Gen.Frequency((3, Gen.OneOf(Gen.Const("Active"), Gen.Const("inactive"))), (1, HostileText.UrlText)),
            "loginenabled" or "includesubgroups" => Gen.Frequency((3, Gen.OneOf(Gen.Const("true"), Gen.Const("False"))), (1, HostileText.UrlText)),
            "order" => Gen.Frequency((3, Gen.OneOf(Gen.Const("asc"), Gen.Const("DESC"))), (1, HostileText.UrlText)),
            "limit" or "offset" => Paging(),
            _ => HostileText.UrlText,
        });
        return Gen.Select(query, Senders, (q, sender) => new HostileRequest(HttpMethod.Get, "/v1/users" + q, sender));
    }

    private static Gen<string> Paging() => Gen.Frequency(
        (3, Gen.Int[-2, 12_000].Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf(HostileText.Numbers.Select(n => Gen.Const(HostileText.PercentEncode(n))).ToArray())),
        (1, HostileText.UrlText));

    /// <summary>"?a=1&amp;b=2..." of zero to six parameters (a name given alone now and then), rarely hundreds.</summary>
    private static Gen<string> ListQuery(Gen<string> name, Func<string, Gen<string>> value)
    {
        var parameter = name.SelectMany(n => Gen.Frequency(
            (12, value(n).Select(v => $"{n}={v}")),
            (1, Gen.OneOf(Gen.Const(n), Gen.Const(n + "=")))));
        return Gen.Frequency((20, parameter.Array[0, 6]), (1, parameter.Array[100, 600]))
            .Select(ps => ps.Length == 0 ? "" : "?" + string.Join("&", ps));
    }

    private static Gen<string> UserIdSegment(TargetIds ids) => Gen.Frequency(
        (16, Gen.Const(ids.UserId.ToString())),
        (1, Gen.Const(ids.OtherCompanyUserId.ToString())),
        (1, Gen.Guid.Select(g => g.ToString())),
        (2, HostileText.PathText));

    private static string RoleText(Guid groupId, int roleId) =>
        HostileJson.Object([("groupId", HostileJson.String(groupId.ToString())), ("roleId", roleId.ToString(CultureInfo.InvariantCulture))]);
}
