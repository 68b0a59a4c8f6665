using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Hosting;

/// <summary>
/// Every endpoint that reads a body answers 413 with the contract's error body when the body is
/// over the limit, and changes nothing (PUT has its own test in PutUserTests). The limit is the
/// host's, not the store's: these run once, on SQLite.
/// </summary>
public sealed class BodyLimitTests(SqliteApp app)
{
    private static readonly string Huge = new('x', 2 * 1024 * 1024);

    [StoreTheory(Only = "sqlite")]
    [InlineData("POST", "/v1/users")]
    [InlineData("PATCH", "/v1/users/{user}/groupRoles")]
    [InlineData("POST", "/v1/groups")]
    [InlineData("PUT", "/v1/groups/{group}")]
    [InlineData("POST", "/v1/groups/bulkMove")]
    [InlineData("POST", "/api/auth/user")]
    public async Task ABodyOverTheLimit_Returns413_AndChangesNothing(string method, string path)
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Limits");
        var user = await company.CreateUserAsync(group);
        var usersBefore = (await company.Admin.GetObjectAsync("/v1/users")).ToJsonString();
        var groupsBefore = (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString();
        // Well-formed but for its size: the limit, not the content, must refuse it.
        JsonNode body = path.EndsWith("groupRoles", StringComparison.Ordinal)
            ? new JsonArray(JsonValue.Create(Huge))
            : new JsonObject { ["name"] = Huge, ["firstName"] = Huge, ["username"] = Huge, ["password"] = "x", ["parentId"] = company.RootId };

        var response = await company.Admin.SendJsonAsync(new HttpMethod(method),
            path.Replace("{user}", user.Id.ToString(), StringComparison.Ordinal).Replace("{group}", group.ToString(), StringComparison.Ordinal),
            body.ToJsonString());

        var messages = await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(["the body is larger than the service accepts"], messages);
        Assert.Equal(usersBefore, (await company.Admin.GetObjectAsync("/v1/users")).ToJsonString());
        Assert.Equal(groupsBefore, (await company.Admin.GetObjectAsync("/v1/groups")).ToJsonString());
    }
}
