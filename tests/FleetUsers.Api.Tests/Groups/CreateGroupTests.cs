using FleetUsers.Application.Ports;
using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Storage;
using Microsoft.Extensions.DependencyInjection;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>POST /v1/groups: Group Manager over the parent; names unique among siblings, ignoring letter case.</summary>
public sealed class CreateGroupTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Post_AsGroupManagerOfTheParent_Returns201WithLocationETagAndTheGroupShape()
    {
        var company = await app.NewCompanyAsync();
        var root = await company.Admin.GetGroupAsync(company.RootId);

        var response = await company.Admin.PostJsonAsync("/v1/groups", Create("  West  ", company.RootId, "Pacific depots"));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var group = await HttpAssert.ReadObjectAsync(response);
        var id = Id(group);
        Assert.Equal($"/v1/groups/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.ToString());
        Assert.Equal("West", Text(group, "name"));
        Assert.Equal("Pacific depots", Text(group, "description"));
        Assert.Equal(company.RootId.ToString(), Text(group, "parentId"));
        Assert.Equal(company.RootId.ToString(), Text(group, "rootGroupId"));
        Assert.Equal($"{Text(root, "name")}\\West", Text(group, "fullPath"));
        Assert.Equal($"{company.RootId}\\{id}", Text(group, "fullPathId"));
        Assert.Equal(1, Revision(group));
        Assert.True(JsonNode.DeepEquals(group, await company.Admin.GetGroupAsync(id)));
    }

    [StoreFact]
    public async Task Post_BelowAGroupOfTheCallersSubtree_Succeeds_AndOutsideItReturns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var california = await company.Admin.CreateGroupAsync("California", west);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        var (_, manager) = await company.NewCallerAsync((west, RoleCatalog.GroupManager));

        await HttpAssert.ExpectAsync(await manager.PostJsonAsync("/v1/groups", Create("Los Angeles", california)), HttpStatusCode.Created);
        await HttpAssert.ExpectEmptyAsync(await manager.PostJsonAsync("/v1/groups", Create("Boston", east)), HttpStatusCode.Forbidden);
        await HttpAssert.ExpectEmptyAsync(await manager.PostJsonAsync("/v1/groups", Create("North", company.RootId)), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Administrator)]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Driver)]
    public async Task Post_WithARoleOtherThanGroupManager_Returns403AndCreatesNothing(int roleId)
    {
        var company = await app.NewCompanyAsync();
        var (_, caller) = await company.NewCallerAsync((company.RootId, roleId));

        await HttpAssert.ExpectEmptyAsync(await caller.PostJsonAsync("/v1/groups", Create("West", company.RootId)), HttpStatusCode.Forbidden);

        Assert.Equal(1, (await company.Admin.GetObjectAsync("/v1/groups"))["metadata"]!["count"]!.GetValue<int>());
    }

    [StoreFact]
    public async Task Post_WithoutNameAndParentId_Returns400NamingBoth()
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", new JsonObject()), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("parentId", StringComparison.Ordinal));
    }

    [StoreTheory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    [InlineData("West\\Coast", "name")]
    [InlineData("West\u0007", "name")]
    public async Task Post_WithABadName_Returns400NamingIt(string name, string field)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync("/v1/groups", Create(name, company.RootId)), field);
    }

    [StoreFact]
    public async Task Post_WithTooLongNameAndDescription_Returns400NamingBoth()
    {
        var company = await app.NewCompanyAsync();
        var body = Create(new string('n', GroupRules.MaxNameLength + 1), company.RootId, new string('d', GroupRules.MaxDescriptionLength + 1));

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", body), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("name", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("description", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_WithAnUnknownKeyOrAWrongType_Returns400NamingIt()
    {
        var company = await app.NewCompanyAsync();
        var body = Create("West", company.RootId);
        body["revision"] = 7;
        body["name"] = 12;

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", body), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("revision", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("name", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_UnderAParentThatDoesNotExistOrIsAnotherCompanys_Returns404NamingParentId()
    {
        var other = await app.NewCompanyAsync();
        var company = await app.NewCompanyAsync();

        foreach (var parent in new[] { Guid.NewGuid(), other.RootId })
        {
            var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", Create("West", parent)), HttpStatusCode.NotFound);
            Assert.Equal([$"parentId {parent} was not found"], messages);
        }
    }

    [StoreTheory]
    [InlineData("West", "West")]
    [InlineData("West", "WEST")]
    [InlineData("Zürich", "ZÜRICH")]
    public async Task Post_ASiblingNameAgainInAnyCase_Returns409(string first, string second)
    {
        var company = await app.NewCompanyAsync();
        await company.Admin.CreateGroupAsync(first, company.RootId);

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups", Create(second, company.RootId)), HttpStatusCode.Conflict);

        Assert.Contains(messages, m => m.StartsWith("name", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_TheSameNameUnderAnotherParent_Succeeds()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);

        await company.Admin.CreateGroupAsync("Depot", west);
        await company.Admin.CreateGroupAsync("Depot", east);
    }

    [StoreFact]
    public async Task Post_RacingForTheSameName_ExactlyOneSucceedsAndTheRestGet409()
    {
        const int racers = 12;
        var company = await app.NewCompanyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, racers).Select(i =>
            company.Admin.PostJsonAsync("/v1/groups", Create(i % 2 == 0 ? "Depot" : "DEPOT", company.RootId))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(racers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [StoreFact]
    public async Task SiblingNameIndex_RefusesADuplicateInAnotherCase_EvenWithoutTheServicesCheck()
    {
        var company = await app.NewCompanyAsync();
        await company.AddGroupAsync("Depot");

        var error = await Assert.ThrowsAsync<UniqueViolationException>(() => company.AddGroupAsync("dEPOT"));

        Assert.True(error.IsGroupName, error.Index);
        Assert.False(error.IsUsername, error.Index);
    }

    [StoreFact]
    public async Task Post_ByAGroupManagerOfARootInAnotherCompany_CannotReachThisCompany()
    {
        var company = await app.NewCompanyAsync();
        var other = await app.NewCompanyAsync();

        var response = await other.Admin.PostJsonAsync("/v1/groups", Create("Intruder", company.RootId));

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
        var database = app.Services.GetRequiredService<IDatabase>();
        await using var session = await database.BeginAsync(write: false, CancellationToken.None);
        Assert.Equal(1, (await session.Groups.LoadTreeAsync(company.CompanyId, CancellationToken.None)).Count);
    }
}
