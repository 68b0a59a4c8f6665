using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Webhooks.WebhookCalls;

namespace FleetUsers.Api.Tests.Webhooks;

/// <summary>/v1/webhooks: the endpoints' API (the deliveries are in <see cref="WebhookDeliveryTests"/>).</summary>
public sealed class WebhookApiTests(FleetUsersApp app)
{
    private const string Url = "http://127.0.0.1:9/hook"; // never called: nothing is written to the company meanwhile

    [StoreFact]
    public async Task Create_AnswersTheSecretOnce_NeverAgain_AndKeepsItEncrypted()
    {
        var company = await app.NewCompanyAsync();
        var response = await company.Admin.PostJsonAsync("/v1/webhooks", Body(Url, "user.created", "USER.UPDATED", "user.created"));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var created = await HttpAssert.ReadObjectAsync(response);
        var id = created["id"]!.GetValue<Guid>();
        var secret = created["secret"]!.GetValue<string>();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location!.ToString());
        Assert.Equal(["user.created", "user.updated"], created["types"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.True(created["enabled"]!.GetValue<bool>());
        var one = await company.Admin.GetObjectAsync($"/v1/webhooks/{id}");
        var list = await company.Admin.GetObjectAsync("/v1/webhooks");
        var log = await company.Admin.GetObjectAsync($"/v1/webhooks/{id}/deliveries");
        Assert.Equal(Url, one["url"]!.GetValue<string>());
        Assert.Null(one["secret"]);
        Assert.Equal([id], list["data"]!.AsArray().Select(w => w!["id"]!.GetValue<Guid>()));
        var key = secret["whsec_".Length..];
        foreach (var text in new[] { one.ToJsonString(), list.ToJsonString(), log.ToJsonString() })
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }
        var stored = (string)(await StoreSql.ScalarAsync(app, "SELECT secret FROM webhooks WHERE id = @id", ("id", id)))!;
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", stored, StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task BadUrlOrTypes_400NamingTheField_NothingCreated()
    {
        var company = await app.NewCompanyAsync();
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body("ftp://127.0.0.1/x")), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body("not a url")), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body("http://169.254.169.254/latest")), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body(Url, "user.created", "user.exploded")), "types");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks",
            new JsonObject { ["url"] = Url, ["types"] = new JsonArray() }), "types");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks",
            new JsonObject { ["url"] = Url, ["types"] = new JsonArray(1) }), "types");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks", new JsonObject { ["types"] = null }), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/webhooks",
            new JsonObject { ["url"] = Url, ["secret"] = "whsec_mine" }), "secret");

        Assert.Empty((await company.Admin.GetObjectAsync("/v1/webhooks"))["data"]!.AsArray());
    }

    [StoreFact]
    public async Task ALoneSurrogateInTypes_400NamingTypes_OnPostAndPut_NothingChanged()
    {
        var company = await app.NewCompanyAsync();
        var (id, _) = await CreateAsync(company.Admin, Url, "user.created");
        StringContent LoneSurrogate() => Json.Content($$"""{"url": "{{Url}}", "types": ["user.created", "\ud800"]}""");

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostAsync("/v1/webhooks", LoneSurrogate()), "types");
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutAsync($"/v1/webhooks/{id}", LoneSurrogate()), "types");

        var only = Assert.Single((await company.Admin.GetObjectAsync("/v1/webhooks"))["data"]!.AsArray())!;
        Assert.Equal("""["user.created"]""", only["types"]!.ToJsonString());
    }

    [StoreFact]
    public async Task PlainHttpAndLoopback_RefusedUnlessPrivateTargetsAreAllowed()
    {
        await using var strict = app.Sibling(new Dictionary<string, string?> { ["Webhooks:AllowPrivateTargets"] = "false" });
        var company = await app.NewCompanyAsync();
        var admin = await company.AdminOnAsync(strict);

        await HttpAssert.ExpectBadRequestNamingAsync(await admin.PostJsonAsync("/v1/webhooks", Body(Url)), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await admin.PostJsonAsync("/v1/webhooks", Body("https://127.0.0.1/hook")), "url");
        await HttpAssert.ExpectBadRequestNamingAsync(await admin.PostJsonAsync("/v1/webhooks", Body("https://10.0.0.8/hook")), "url");
        await HttpAssert.ExpectAsync(await admin.PostJsonAsync("/v1/webhooks", Body("https://hooks.example.com/fleet")), HttpStatusCode.Created);
    }

    [StoreFact]
    public async Task PutReplaces_DeleteRemoves_SecretUnchanged()
    {
        var company = await app.NewCompanyAsync();
        var (id, _) = await CreateAsync(company.Admin, Url, "user.created");

        var put = await company.Admin.PutJsonAsync($"/v1/webhooks/{id}",
            new JsonObject { ["url"] = "http://127.0.0.1:9/other", ["types"] = null, ["enabled"] = false });
        await HttpAssert.ExpectAsync(put, HttpStatusCode.OK);
        var updated = await company.Admin.GetObjectAsync($"/v1/webhooks/{id}");
        Assert.Equal("http://127.0.0.1:9/other", updated["url"]!.GetValue<string>());
        Assert.Null(updated["types"]);
        Assert.False(updated["enabled"]!.GetValue<bool>());
        Assert.Null(updated["secret"]);
        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{id}", Body("gopher://x")), "url");

        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/webhooks/{id}"), HttpStatusCode.NoContent);
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/webhooks/{id}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/webhooks/{id}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task FiftyWebhooks_TheFiftyFirstIs409_UntilOneIsRemoved()
    {
        var company = await app.NewCompanyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 50; i++)
        {
            ids.Add((await CreateAsync(company.Admin, Url)).Id);
        }

        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body(Url)), HttpStatusCode.Conflict);
        Assert.Equal(50, (await company.Admin.GetObjectAsync("/v1/webhooks"))["data"]!.AsArray().Count);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/webhooks/{ids[0]}"), HttpStatusCode.NoContent);
        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync("/v1/webhooks", Body(Url)), HttpStatusCode.Created);
    }

    [StoreFact]
    public async Task AnotherCompanysWebhook_IsNotFound_AndUntouched()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();
        var (id, _) = await CreateAsync(other.Admin, Url);

        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/webhooks/{id}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/webhooks/{id}", Body("http://127.0.0.1:9/mine")), HttpStatusCode.NotFound);
        await HttpAssert.ExpectAsync(await company.Admin.DeleteAsync($"/v1/webhooks/{id}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectAsync(await company.Admin.GetAsync($"/v1/webhooks/{id}/deliveries"), HttpStatusCode.NotFound);
        Assert.Empty((await company.Admin.GetObjectAsync("/v1/webhooks"))["data"]!.AsArray());
        Assert.Equal(Url, (await other.Admin.GetObjectAsync($"/v1/webhooks/{id}"))["url"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task OnlyAnAdministratorAtTheRoot_MayManageWebhooks_UserOrApiClient()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, manager) = await company.NewCallerAsync((company.RootId, RoleCatalog.GroupManager));
        var (_, lowerAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var (_, integration) = await company.NewApiClientCallerAsync(company.RootId, RoleCatalog.Administrator);
        var (id, _) = await CreateAsync(company.Admin, Url);

        foreach (var refused in new[] { manager, lowerAdmin })
        {
            await HttpAssert.ExpectAsync(await refused.GetAsync("/v1/webhooks"), HttpStatusCode.Forbidden);
            await HttpAssert.ExpectAsync(await refused.PostJsonAsync("/v1/webhooks", Body(Url)), HttpStatusCode.Forbidden);
            await HttpAssert.ExpectAsync(await refused.DeleteAsync($"/v1/webhooks/{id}"), HttpStatusCode.Forbidden);
        }
        await HttpAssert.ExpectAsync(await integration.PostJsonAsync("/v1/webhooks", Body(Url)), HttpStatusCode.Created);
        Assert.Equal(2, (await company.Admin.GetObjectAsync("/v1/webhooks"))["data"]!.AsArray().Count);
    }
}
