using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>
/// GET /v1/users: the envelope, every filter, paging and order, the caller's scope and the
/// query's validation. Each test's company also holds its administrator ("Company Administrator", at the root).
/// </summary>
public sealed class ListUsersTests(FleetUsersApp app)
{
    private sealed record UserPage(JsonArray Data, IReadOnlyList<Guid> Ids, int Count, int Limit, int Offset);

    private static async Task<UserPage> ListAsync(HttpClient client, string query = "")
    {
        var body = await client.GetObjectAsync("/v1/users" + query);
        var data = body["data"]!.AsArray();
        var metadata = body["metadata"]!.AsObject();
        return new UserPage(data, data.Select(u => Guid.Parse(u!["userId"]!.GetValue<string>())).ToList(),
            metadata["count"]!.GetValue<int>(), metadata["limit"]!.GetValue<int>(), metadata["offset"]!.GetValue<int>());
    }

    private static void AssertSameUsers(IEnumerable<Guid> expected, IEnumerable<Guid> actual) =>
        Assert.Equal(expected.Order(), actual.Order());

    [StoreFact]
    public async Task List_ReturnsTheEnvelopeWithTheDefaultLimitAndOffset()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.GetAsync("/v1/users");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["data", "metadata"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        var metadata = body["metadata"]!.AsObject();
        Assert.Equal(["count", "limit", "offset"], metadata.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, metadata["count"]!.GetValue<int>());
        Assert.Equal(10_000, metadata["limit"]!.GetValue<int>());
        Assert.Equal(0, metadata["offset"]!.GetValue<int>());
        var listed = body["data"]!.AsArray().Single(u => u!["userId"]!.GetValue<string>() == user.Id.ToString())!;
        Assert.Equal(user.Body.ToJsonString(), listed.ToJsonString());
    }

    [StoreFact]
    public async Task List_ShowsUsersAsFullUsersWithoutPasswords()
    {
        var company = await app.NewCompanyAsync();
        await company.CreateUserAsync(company.RootId, password: TestCompany.Password);

        var response = await company.Admin.GetAsync("/v1/users");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(TestCompany.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        var admin = (await ListAsync(company.Admin)).Data.Single(u => u!["userId"]!.GetValue<string>() == company.AdminId.ToString())!;
        Assert.Equal(company.RootId.ToString(), admin["primaryGroupId"]!.GetValue<string>());
        Assert.Equal(2, admin["groupRoles"]!.AsArray().Count);
    }

    [StoreFact]
    public async Task List_ShowsEachUserWithItsOwnRoles_OnAnyPageAndInEitherOrder()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        // Three namesakes, ordered by their ids alone, with different roles: a page boundary falls between them.
        var users = new[]
        {
            await company.CreateUserAsync(west, customize: b => (b["lastName"], b["groupRoles"]) = ("Adams", new JsonArray(
                UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(east, RoleCatalog.Coach), UserBodies.GroupRole(company.RootId, RoleCatalog.Driver)))),
            await company.CreateUserAsync(west, customize: b => b["lastName"] = "Baker"),
            await company.CreateUserAsync(east, customize: b => (b["lastName"], b["groupRoles"]) = ("Baker", new JsonArray(
                UserBodies.GroupRole(east, RoleCatalog.Driver), UserBodies.GroupRole(west, RoleCatalog.Coach)))),
            await company.CreateUserAsync(east, customize: b => b["lastName"] = "Baker"),
            await company.CreateUserAsync(east, customize: b => (b["lastName"], b["groupRoles"]) = ("Clark", new JsonArray(
                UserBodies.GroupRole(east, RoleCatalog.Driver), UserBodies.GroupRole(west, RoleCatalog.Coach)))),
        };
        var expected = users
            .OrderBy(u => u.Body["lastName"]!.GetValue<string>(), StringComparer.Ordinal)
            .ThenBy(u => u.Id.ToString(), StringComparer.Ordinal)
            .Select(u => u.Id)
            .ToList();
        var query = $"?groupId={west}&groupId={east}";

        var ascending = await ListAsync(company.Admin, query);
        var descending = await ListAsync(company.Admin, query + "&order=desc");
        var pages = new[] { await ListAsync(company.Admin, query + "&limit=2&offset=0"), await ListAsync(company.Admin, query + "&limit=2&offset=2"),
            await ListAsync(company.Admin, query + "&limit=2&offset=4") };

        Assert.Equal(expected, ascending.Ids);
        Assert.Equal(Enumerable.Reverse(expected), descending.Ids);
        Assert.Equal(expected, pages.SelectMany(p => p.Ids));
        Assert.All(pages, page => Assert.Equal(5, page.Count));
        foreach (var listed in ascending.Data.Concat(descending.Data).Concat(pages.SelectMany(p => p.Data)))
        {
            var created = users.Single(u => u.Id.ToString() == listed!["userId"]!.GetValue<string>()).Body;
            Assert.Equal(Roles(created), Roles(listed!.AsObject()));
            Assert.Equal(created["lastName"]!.GetValue<string>(), listed["lastName"]!.GetValue<string>());
        }

        static IEnumerable<string> Roles(JsonObject user) =>
            user["groupRoles"]!.AsArray().Select(r => $"{r!["groupId"]}/{r["roleId"]}").Order(StringComparer.Ordinal);
    }

    [StoreFact]
    public async Task List_ByGroupId_ReturnsOnlyUsersWithARoleInThatGroup()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var east = await company.AddGroupAsync("East");
        var westUser = await company.CreateUserAsync(west);
        await company.CreateUserAsync(california);
        var eastUser = await company.CreateUserAsync(east);
        var both = await company.CreateUserAsync(california, customize: b => b["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(california, RoleCatalog.Driver), UserBodies.GroupRole(east, RoleCatalog.Coach)));

        var westOnly = await ListAsync(company.Admin, $"?groupId={west}");
        var westAndEast = await ListAsync(company.Admin, $"?groupId={west}&groupId={east}");
        var withoutSubGroups = await ListAsync(company.Admin, $"?groupId={west}&includeSubGroups=false");

        AssertSameUsers([westUser.Id], westOnly.Ids);
        Assert.Equal(1, westOnly.Count);
        AssertSameUsers([westUser.Id, eastUser.Id, both.Id], westAndEast.Ids);
        Assert.Equal(3, westAndEast.Count);
        AssertSameUsers([westUser.Id], withoutSubGroups.Ids);
    }

    [StoreFact]
    public async Task List_ByGroupIdWithSubGroups_AlsoReturnsUsersInGroupsBelow()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var bayArea = await company.AddGroupAsync("Bay Area", california);
        var east = await company.AddGroupAsync("East");
        var westUser = await company.CreateUserAsync(west);
        var californiaUser = await company.CreateUserAsync(california);
        var bayAreaUser = await company.CreateUserAsync(bayArea);
        var eastUser = await company.CreateUserAsync(east);

        var fromWest = await ListAsync(company.Admin, $"?groupId={west}&includeSubGroups=true");
        var fromCalifornia = await ListAsync(company.Admin, $"?groupId={california}&includeSubGroups=TRUE");
        var fromCaliforniaAndEast = await ListAsync(company.Admin, $"?groupId={california}&groupId={east}&includeSubGroups=true");

        AssertSameUsers([westUser.Id, californiaUser.Id, bayAreaUser.Id], fromWest.Ids);
        Assert.Equal(3, fromWest.Count);
        AssertSameUsers([californiaUser.Id, bayAreaUser.Id], fromCalifornia.Ids);
        AssertSameUsers([californiaUser.Id, bayAreaUser.Id, eastUser.Id], fromCaliforniaAndEast.Ids);
    }

    [StoreFact]
    public async Task List_ByTheRootGroupWithSubGroups_ReturnsEveryone()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(west);

        var page = await ListAsync(company.Admin, $"?groupId={company.RootId}&includeSubGroups=true");

        AssertSameUsers([company.AdminId, user.Id], page.Ids);
    }

    [StoreFact]
    public async Task List_ByRoleId_ReturnsUsersHoldingAnyOfTheRoles()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var driver = await company.CreateUserAsync(company.RootId, RoleCatalog.Driver);
        var coach = await company.CreateUserAsync(west, RoleCatalog.Coach);
        var reviewer = await company.CreateUserAsync(west, RoleCatalog.VideoReviewer);

        var coaches = await ListAsync(company.Admin, $"?roleId={RoleCatalog.Coach}");
        var coachesAndDrivers = await ListAsync(company.Admin, $"?roleId={RoleCatalog.Coach}&roleId={RoleCatalog.Driver}");
        var administrators = await ListAsync(company.Admin, $"?roleId={RoleCatalog.Administrator}");

        AssertSameUsers([coach.Id], coaches.Ids);
        AssertSameUsers([coach.Id, driver.Id], coachesAndDrivers.Ids);
        Assert.Equal(2, coachesAndDrivers.Count);
        AssertSameUsers([company.AdminId], administrators.Ids);
        Assert.DoesNotContain(reviewer.Id, coachesAndDrivers.Ids);
    }

    [StoreFact]
    public async Task List_ByRoleIdAndGroupId_NeedsThatRoleInThatGroup()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        // Coach in West and Driver in East: not a Driver in West.
        var mixed = await company.CreateUserAsync(west, customize: b => b["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(west, RoleCatalog.Coach), UserBodies.GroupRole(east, RoleCatalog.Driver)));
        var westDriver = await company.CreateUserAsync(west, RoleCatalog.Driver);

        var westDrivers = await ListAsync(company.Admin, $"?groupId={west}&roleId={RoleCatalog.Driver}");
        var eastDrivers = await ListAsync(company.Admin, $"?groupId={east}&roleId={RoleCatalog.Driver}");
        var westCoachesOrDrivers = await ListAsync(company.Admin, $"?groupId={west}&roleId={RoleCatalog.Driver}&roleId={RoleCatalog.Coach}");

        AssertSameUsers([westDriver.Id], westDrivers.Ids);
        AssertSameUsers([mixed.Id], eastDrivers.Ids);
        AssertSameUsers([mixed.Id, westDriver.Id], westCoachesOrDrivers.Ids);
    }

    [StoreFact]
    public async Task List_ShowsAUserMatchingThroughSeveralRolesOnce()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var (_, westCoach) = await company.NewCallerAsync((west, RoleCatalog.Coach));
        var many = await company.CreateUserAsync(west, customize: b => b["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(west, RoleCatalog.Coach), UserBodies.GroupRole(west, RoleCatalog.Driver),
            UserBodies.GroupRole(california, RoleCatalog.Coach), UserBodies.GroupRole(california, RoleCatalog.Driver)));

        var page = await ListAsync(westCoach,
            $"?groupId={west}&groupId={california}&includeSubGroups=true&roleId={RoleCatalog.Coach}&roleId={RoleCatalog.Driver}&searchText={many.Username}");

        Assert.Equal([many.Id], page.Ids);
        Assert.Equal(1, page.Count);
    }

    [StoreFact]
    public async Task List_ByRoleIdAndGroupIdWithSubGroups_MatchesTheRoleInAGroupBelow()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var californiaCoach = await company.CreateUserAsync(california, RoleCatalog.Coach);
        await company.CreateUserAsync(california, RoleCatalog.Driver);

        var page = await ListAsync(company.Admin, $"?groupId={west}&includeSubGroups=true&roleId={RoleCatalog.Coach}");

        AssertSameUsers([californiaCoach.Id], page.Ids);
    }

    [StoreFact]
    public async Task List_ByStatusInAnyCase_ReturnsUsersOfThoseStatuses()
    {
        var company = await app.NewCompanyAsync();
        var active = await company.CreateUserAsync(company.RootId);
        var inactive = await company.CreateUserAsync(company.RootId);
        var deactivate = UserBodies.Update(company.RootId);
        deactivate["status"] = "Inactive";
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{inactive.Id}", deactivate), HttpStatusCode.OK);

        var inactiveOnes = await ListAsync(company.Admin, "?status=inactive");
        var activeOnes = await ListAsync(company.Admin, "?status=ACTIVE");
        var everyone = await ListAsync(company.Admin, "?status=Active&status=Inactive");

        AssertSameUsers([inactive.Id], inactiveOnes.Ids);
        AssertSameUsers([company.AdminId, active.Id], activeOnes.Ids);
        AssertSameUsers([company.AdminId, active.Id, inactive.Id], everyone.Ids);
        Assert.Equal("Inactive", Assert.Single(inactiveOnes.Data)!["status"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task List_ByLoginEnabled_ReturnsUsersWithThatFlag()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var canLogIn = await company.CreateUserAsync(west, password: TestCompany.Password);
        var cannot = await company.CreateUserAsync(west);

        var enabled = await ListAsync(company.Admin, "?loginEnabled=true");
        var disabled = await ListAsync(company.Admin, "?loginEnabled=False");
        var enabledInWest = await ListAsync(company.Admin, $"?loginEnabled=true&groupId={west}");

        AssertSameUsers([company.AdminId, canLogIn.Id], enabled.Ids);
        AssertSameUsers([cannot.Id], disabled.Ids);
        AssertSameUsers([canLogIn.Id], enabledInWest.Ids);
    }

    [StoreTheory]
    [InlineData("mary")]          // first name, other case
    [InlineData("QUINLAN")]       // last name
    [InlineData("ry quin")]       // across first and last name, with the space between
    [InlineData("Mary Quinlan")]  // the whole name
    public async Task List_BySearchText_MatchesTheFullNameInAnyCase(string searchText)
    {
        var company = await app.NewCompanyAsync();
        var mary = await company.CreateUserAsync(company.RootId, customize: b => (b["firstName"], b["lastName"]) = ("Mary", "Quinlan"));
        await company.CreateUserAsync(company.RootId, customize: b => (b["firstName"], b["lastName"]) = ("Marion", "Quill"));

        var page = await ListAsync(company.Admin, "?searchText=" + Uri.EscapeDataString(searchText));

        AssertSameUsers([mary.Id], page.Ids);
        Assert.Equal(1, page.Count);
    }

    [StoreFact]
    public async Task List_BySearchText_DoesNotMatchTheNameWithoutItsSpace()
    {
        var company = await app.NewCompanyAsync();
        await company.CreateUserAsync(company.RootId, customize: b => (b["firstName"], b["lastName"]) = ("Mary", "Quinlan"));

        var page = await ListAsync(company.Admin, "?searchText=maryquinlan");

        Assert.Empty(page.Ids);
    }

    [StoreFact]
    public async Task List_BySearchText_MatchesTheUsernameAndTheEmployeeIdInAnyCase()
    {
        var company = await app.NewCompanyAsync();
        var byUsername = await company.CreateUserAsync(company.RootId, customize: b => b["username"] = "Blue.Heron-" + Unique.Suffix());
        var byEmployeeId = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "Orange-" + Unique.Suffix());
        await company.CreateUserAsync(company.RootId, customize: b => b["email"] = "blue.orange@example.com");

        var heron = await ListAsync(company.Admin, "?searchText=BLUE.HER");
        var orange = await ListAsync(company.Admin, "?searchText=oRaNgE-");

        AssertSameUsers([byUsername.Id], heron.Ids);
        AssertSameUsers([byEmployeeId.Id], orange.Ids);
    }

    [StoreFact]
    public async Task List_BySearchText_FindsTheNameAfterAnUpdate()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["lastName"] = "Renamed" + Unique.Letters();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        var byNewName = await ListAsync(company.Admin, "?searchText=" + body["lastName"]!.GetValue<string>().ToLowerInvariant());
        var byOldName = await ListAsync(company.Admin, "?searchText=" + user.Body["lastName"]!.GetValue<string>());

        AssertSameUsers([user.Id], byNewName.Ids);
        Assert.Empty(byOldName.Ids);
    }

    [StoreTheory]
    [InlineData("%", "Fifty%Off")]
    [InlineData("y%o", "Fifty%Off")]   // a wildcard would also match "FiftyOff"
    [InlineData("_", "Snake_Case")]
    [InlineData("e_c", "Snake_Case")]  // a wildcard would also match "SnakeXCase"
    [InlineData("'", "O'Neil")]
    [InlineData("o'n", "O'Neil")]
    [InlineData("\\", "Back\\Slash")]
    [InlineData("\"", "Quote\"Mark")]
    [InlineData("e\"m", "Quote\"Mark")]   // three characters: through the SQLite full-text index, quotes and all
    [InlineData("k\\s", "Back\\Slash")]
    [InlineData("\"\"\"", "Quote\"\"\"Marks")]
    public async Task List_BySearchText_TakesSqlMetacharactersLiterally(string searchText, string lastName)
    {
        var company = await app.NewCompanyAsync();
        var literal = await company.CreateUserAsync(company.RootId, customize: b => b["lastName"] = lastName);
        foreach (var decoy in new[] { "FiftyOff", "SnakeXCase", "ONeil", "BackSlash", "QuoteMark" })
        {
            await company.CreateUserAsync(company.RootId, customize: b => b["lastName"] = decoy);
        }

        var page = await ListAsync(company.Admin, "?searchText=" + Uri.EscapeDataString(searchText));

        AssertSameUsers([literal.Id], page.Ids);
    }

    [StoreFact]
    public async Task List_BySearchText_FoldsTheCaseOfLettersBeyondAscii()
    {
        var company = await app.NewCompanyAsync();
        var emile = await company.CreateUserAsync(company.RootId, customize: b => (b["firstName"], b["lastName"]) = ("Émile", "Øster"));

        var byFirst = await ListAsync(company.Admin, "?searchText=" + Uri.EscapeDataString("éMILE"));
        var byLast = await ListAsync(company.Admin, "?searchText=" + Uri.EscapeDataString("øSTER"));

        AssertSameUsers([emile.Id], byFirst.Ids);
        AssertSameUsers([emile.Id], byLast.Ids);
    }

    [StoreFact]
    public async Task List_BySearchTextOf100Characters_Returns200()
    {
        var company = await app.NewCompanyAsync();

        var page = await ListAsync(company.Admin, "?searchText=" + new string('a', 100));

        Assert.Empty(page.Ids);
    }

    [StoreFact]
    public async Task List_WithSeveralFilters_AppliesThemAll()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var match = await company.CreateUserAsync(west, RoleCatalog.Coach, TestCompany.Password, b => b["lastName"] = "Target" + Unique.Letters());
        await company.CreateUserAsync(west, RoleCatalog.Coach, customize: b => b["lastName"] = "Target" + Unique.Letters());
        await company.CreateUserAsync(west, RoleCatalog.Driver, TestCompany.Password, b => b["lastName"] = "Target" + Unique.Letters());
        await company.CreateUserAsync(company.RootId, RoleCatalog.Coach, TestCompany.Password, b => b["lastName"] = "Target" + Unique.Letters());

        var page = await ListAsync(company.Admin,
            $"?groupId={west}&roleId={RoleCatalog.Coach}&status=Active&loginEnabled=true&searchText=target");

        AssertSameUsers([match.Id], page.Ids);
        Assert.Equal(1, page.Count);
    }

    [StoreFact]
    public async Task List_OrdersByLastNameThenFirstNameThenUserId_AscendingByDefaultAndDescending()
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Ordered");
        var people = new List<(Guid Id, string First, string Last)>();
        foreach (var (first, last) in new[] { ("Bob", "Beta"), ("Zed", "Alpha"), ("Ann", "Beta"), ("Gus", "Gamma"), ("Gus", "Gamma"), ("Al", "Delta") })
        {
            var user = await company.CreateUserAsync(group, customize: b => (b["firstName"], b["lastName"]) = (first, last));
            people.Add((user.Id, first, last));
        }
        var expected = people
            .OrderBy(p => p.Last, StringComparer.Ordinal)
            .ThenBy(p => p.First, StringComparer.Ordinal)
            .ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)
            .Select(p => p.Id)
            .ToList();

        var byDefault = await ListAsync(company.Admin, $"?groupId={group}");
        var ascending = await ListAsync(company.Admin, $"?groupId={group}&order=ASC");
        var descending = await ListAsync(company.Admin, $"?groupId={group}&order=desc");

        Assert.Equal(expected, byDefault.Ids);
        Assert.Equal(expected, ascending.Ids);
        Assert.Equal(Enumerable.Reverse(expected), descending.Ids);
    }

    [StoreFact]
    public async Task List_OrdersNamesIgnoringLetterCase_TheSameOnEveryStore()
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Mixed case");
        foreach (var last in new[] { "zulu", "Émile", "Baker", "adams", "baxter" })
        {
            await company.CreateUserAsync(group, customize: b => b["lastName"] = last);
        }

        var page = await ListAsync(company.Admin, $"?groupId={group}");

        // Lower-cased, then by code point: accented letters come after z, on SQLite and PostgreSQL alike.
        Assert.Equal(["adams", "Baker", "baxter", "zulu", "Émile"], page.Data.Select(u => u!["lastName"]!.GetValue<string>()));
    }

    [StoreFact]
    public async Task List_PagesWithLimitAndOffset_AndCountsEveryMatch()
    {
        var company = await app.NewCompanyAsync();
        var group = await company.AddGroupAsync("Paged");
        foreach (var last in new[] { "Adams", "Baker", "Clark", "Davis", "Evans" })
        {
            await company.CreateUserAsync(group, customize: b => b["lastName"] = last);
        }
        var all = await ListAsync(company.Admin, $"?groupId={group}");

        var middle = await ListAsync(company.Admin, $"?groupId={group}&limit=2&offset=1");
        var lastPage = await ListAsync(company.Admin, $"?groupId={group}&limit=2&offset=4");
        var beyond = await ListAsync(company.Admin, $"?groupId={group}&limit=2&offset=5");
        var descending = await ListAsync(company.Admin, $"?groupId={group}&limit=1&order=desc");

        Assert.Equal(["Adams", "Baker", "Clark", "Davis", "Evans"], all.Data.Select(u => u!["lastName"]!.GetValue<string>()));
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Ids.Skip(1).Take(2), middle.Ids);
        Assert.Equal((5, 2, 1), (middle.Count, middle.Limit, middle.Offset));
        Assert.Equal([all.Ids[4]], lastPage.Ids);
        Assert.Equal(5, lastPage.Count);
        Assert.Empty(beyond.Ids);
        Assert.Equal((5, 2, 5), (beyond.Count, beyond.Limit, beyond.Offset));
        Assert.Equal([all.Ids[4]], descending.Ids);
    }

    [StoreTheory]
    [InlineData("1")]
    [InlineData("10000")]
    public async Task List_WithALimitAtItsBounds_Returns200(string limit)
    {
        var company = await app.NewCompanyAsync();

        var page = await ListAsync(company.Admin, "?limit=" + limit);

        Assert.Equal(int.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), page.Limit);
        Assert.Equal(1, page.Count);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Administrator)]
    public async Task List_ByACallerScopedToASubtree_ShowsOnlyUsersWithARoleInIt(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var east = await company.AddGroupAsync("East");
        var (caller, client) = await company.NewCallerAsync((west, callerRole));
        var westUser = await company.CreateUserAsync(west);
        var californiaUser = await company.CreateUserAsync(california);
        await company.CreateUserAsync(east);
        var both = await company.CreateUserAsync(east, customize: b => b["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(east, RoleCatalog.Driver), UserBodies.GroupRole(california, RoleCatalog.Driver)));

        var page = await ListAsync(client);
        var eastOnly = await ListAsync(client, $"?groupId={east}");
        var everyoneByAdmin = await ListAsync(company.Admin);

        AssertSameUsers([caller.Id, westUser.Id, californiaUser.Id, both.Id], page.Ids);
        Assert.Equal(4, page.Count);
        AssertSameUsers([both.Id], eastOnly.Ids);
        Assert.Equal(6, everyoneByAdmin.Count);
    }

    [StoreFact]
    public async Task List_ByACoachAtTheRoot_ShowsEveryone()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (coach, client) = await company.NewCallerAsync((company.RootId, RoleCatalog.Coach));
        var user = await company.CreateUserAsync(west);

        var page = await ListAsync(client);

        AssertSameUsers([company.AdminId, coach.Id, user.Id], page.Ids);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public async Task List_ByACallerWhoseRoleGrantsNoUserReading_ShowsNobody(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var (_, client) = await company.NewCallerAsync((company.RootId, callerRole));
        await company.CreateUserAsync(company.RootId);

        var page = await ListAsync(client);
        var filtered = await ListAsync(client, $"?groupId={company.RootId}&includeSubGroups=true&limit=5");

        Assert.Empty(page.Ids);
        Assert.Equal((0, 10_000, 0), (page.Count, page.Limit, page.Offset));
        Assert.Empty(filtered.Ids);
        Assert.Equal((0, 5), (filtered.Count, filtered.Limit));
    }

    [StoreFact]
    public async Task List_NeverShowsAnotherCompanysUsers()
    {
        var other = await app.NewCompanyAsync();
        var lastName = "Shared" + Unique.Letters();
        var employeeId = "Emp-" + Unique.Suffix();
        var stranger = await other.CreateUserAsync(other.RootId, RoleCatalog.Coach,
            customize: b => (b["lastName"], b["employeeId"]) = (lastName, employeeId));
        var company = await app.NewCompanyAsync();
        var mine = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach,
            customize: b => (b["lastName"], b["employeeId"]) = (lastName, employeeId));

        var everyone = await ListAsync(company.Admin);
        var bySearch = await ListAsync(company.Admin, "?searchText=" + lastName);
        var byRole = await ListAsync(company.Admin, $"?roleId={RoleCatalog.Coach}&status=Active&status=Inactive");

        AssertSameUsers([company.AdminId, mine.Id], everyone.Ids);
        AssertSameUsers([mine.Id], bySearch.Ids);
        AssertSameUsers([mine.Id], byRole.Ids);
        Assert.DoesNotContain(stranger.Id, everyone.Ids);
    }

    [StoreTheory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=10001", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=", "limit")]
    [InlineData("?limit=1&limit=2", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?offset=1.5", "offset")]
    [InlineData("?offset=99999999999", "offset")]
    [InlineData("?order=sideways", "order")]
    [InlineData("?loginEnabled=yes", "loginEnabled")]
    [InlineData("?includeSubGroups=1", "includeSubGroups")]
    [InlineData("?status=Suspended", "status")]
    [InlineData("?roleId=coach", "roleId")]
    [InlineData("?roleId=99999999999", "roleId")]
    [InlineData("?groupId=not-a-uuid", "groupId")]
    [InlineData("?groupId=", "groupId")]
    [InlineData("?searchText=line%0Abreak", "searchText")]
    [InlineData("?page=2", "page")]
    [InlineData("?sort=lastName", "sort")]
    public async Task List_WithABadQueryParameter_Returns400NamingIt(string query, string parameter)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync("/v1/users" + query), parameter);
    }

    [StoreFact]
    public async Task List_WithASearchTextOf101Characters_Returns400()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync("/v1/users?searchText=" + new string('a', 101)), "searchText", "100");
    }

    [StoreFact]
    public async Task List_WithSeveralProblems_ReportsEachOne()
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(
            await company.Admin.GetAsync($"/v1/users?limit=0&offset=-1&groupId=nope&searchText={new string('s', 101)}&page=2"),
            HttpStatusCode.BadRequest);

        foreach (var parameter in new[] { "limit", "offset", "groupId", "searchText", "page" })
        {
            Assert.Contains(messages, m => m.StartsWith(parameter, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task List_ByAnUnknownGroupId_Returns404NamingIt()
    {
        var company = await app.NewCompanyAsync();
        var unknown = Guid.NewGuid();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users?groupId={company.RootId}&groupId={unknown}"), HttpStatusCode.NotFound);

        Assert.Contains(messages, m => m.StartsWith("groupId", StringComparison.Ordinal) && m.Contains(unknown.ToString(), StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task List_BySeveralUnknownGroupIds_Returns404NamingEachInItsOwnMessage()
    {
        var company = await app.NewCompanyAsync();
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users?groupId={one}&groupId={two}"), HttpStatusCode.NotFound);

        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("groupId", StringComparison.Ordinal) && m.Contains(one.ToString(), StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("groupId", StringComparison.Ordinal) && m.Contains(two.ToString(), StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task List_ByAGroupOfAnotherCompany_Returns404()
    {
        var other = await app.NewCompanyAsync();
        await other.CreateUserAsync(other.RootId);
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users?groupId={other.RootId}"), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task List_WithoutAToken_Returns401WithAnEmptyBody()
    {
        var response = await app.CreateClient().GetAsync("/v1/users");

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }
}
