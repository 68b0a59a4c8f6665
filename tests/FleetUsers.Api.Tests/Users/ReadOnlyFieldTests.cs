using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;

namespace FleetUsers.Api.Tests.Users;

/// <summary>Over-posting: what a response shows but a request may not set is refused by name, and changes nothing.</summary>
public sealed class ReadOnlyFieldTests(FleetUsersApp app)
{
    public static TheoryData<string, JsonNode> ReadOnlyValues() => new()
    {
        { "userId", JsonValue.Create(Guid.NewGuid().ToString())! },
        { "createdDate", JsonValue.Create("2020-01-01T00:00:00+00:00")! },
        { "updatedDate", JsonValue.Create("2020-01-01T00:00:00+00:00")! },
        { "allowSafetyEventDownload", JsonValue.Create(true)! },
        { "lastLoginDate", JsonValue.Create("2020-01-01T00:00:00+00:00")! },
    };

    [StoreTheory]
    [MemberData(nameof(ReadOnlyValues))]
    public async Task Put_SettingAReadOnlyField_Returns400SayingItIsReadOnly_AndChangesNothing(string field, JsonNode value)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var before = await company.GetUserAsync(user.Id);
        var body = UserBodies.Update(company.RootId);
        body[field] = value.DeepClone();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Equal($"{field} is read-only", Assert.Single(messages));
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreTheory]
    [MemberData(nameof(ReadOnlyValues))]
    public async Task Post_SettingAReadOnlyField_Returns400SayingItIsReadOnly(string field, JsonNode value)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body[field] = value.DeepClone();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/users", body), HttpStatusCode.BadRequest);

        Assert.Equal($"{field} is read-only", Assert.Single(messages));
    }

    [StoreFact]
    public async Task Put_WithAReadOnlyFieldInAnotherLetterCase_IsRefusedAsReadOnly()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["AllowSafetyEventDownload"] = true;

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Equal("allowSafetyEventDownload is read-only", Assert.Single(messages));
    }

    [StoreFact]
    public async Task Put_SendingBackTheWholeUserAsRead_NamesEveryReadOnlyField()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = await company.GetUserAsync(user.Id);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Equal(["userId is read-only", "createdDate is read-only", "updatedDate is read-only", "allowSafetyEventDownload is read-only", "lastLoginDate is read-only"], messages);
    }

    [StoreFact]
    public async Task Post_WithAStatus_SaysNewUsersAreActive()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["status"] = "Inactive";

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/users", body), HttpStatusCode.BadRequest);

        Assert.Equal("status cannot be set on create: new users are Active", Assert.Single(messages));
    }
}
