using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>GET /v1/users/{userIdentifier}?searchBy=: the three ways to name a user, reach, tenancy and the response's details.</summary>
public sealed class GetUserTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task Get_ByUserIdByDefault_Returns200WithTheFullUser()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "Emp-" + Unique.Suffix());

        var response = await company.Admin.GetAsync($"/v1/users/{user.Id}");

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(user.Body.ToJsonString(), (await HttpAssert.ReadObjectAsync(response)).ToJsonString());
    }

    [StoreTheory]
    [InlineData("UserId")]
    [InlineData("userid")]
    [InlineData("USERID")]
    public async Task Get_BySearchByUserIdInAnyCase_Returns200(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var found = await company.Admin.GetObjectAsync($"/v1/users/{user.Id}?searchBy={searchBy}");

        Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Get_ByUserIdInUpperCase_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var found = await company.Admin.GetObjectAsync($"/v1/users/{user.Id.ToString().ToUpperInvariant()}");

        Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("Username")]
    [InlineData("username")]
    [InlineData("USERNAME")]
    public async Task Get_ByUsernameInAnyLetterCase_Returns200(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["username"] = "J.Smith-" + Unique.Suffix());
        await company.CreateUserAsync(company.RootId);

        foreach (var identifier in new[] { user.Username, user.Username.ToLowerInvariant(), user.Username.ToUpperInvariant() })
        {
            var found = await company.Admin.GetObjectAsync($"/v1/users/{Uri.EscapeDataString(identifier)}?searchBy={searchBy}");

            Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
            Assert.Equal(user.Username, found["username"]!.GetValue<string>());
        }
    }

    [StoreTheory]
    [InlineData("EmployeeId")]
    [InlineData("employeeid")]
    [InlineData("EMPLOYEEID")]
    public async Task Get_ByEmployeeIdInAnyLetterCase_Returns200(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix() + "x";
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "Emp-" + Unique.Suffix());

        foreach (var identifier in new[] { employeeId, employeeId.ToLowerInvariant(), employeeId.ToUpperInvariant() })
        {
            var found = await company.Admin.GetObjectAsync($"/v1/users/{Uri.EscapeDataString(identifier)}?searchBy={searchBy}");

            Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
        }
    }

    [StoreFact]
    public async Task Get_SearchByDecidesWhichFieldTheIdentifierIsMatchedAgainst()
    {
        // The same text is one user's username and another user's employee id.
        var company = await app.NewCompanyAsync();
        var first = await company.CreateUserAsync(company.RootId);
        var second = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = first.Username);

        var byUsername = await company.Admin.GetObjectAsync($"/v1/users/{first.Username}?searchBy=Username");
        var byEmployeeId = await company.Admin.GetObjectAsync($"/v1/users/{first.Username}?searchBy=EmployeeId");

        Assert.Equal(first.Id.ToString(), byUsername["userId"]!.GetValue<string>());
        Assert.Equal(second.Id.ToString(), byEmployeeId["userId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("Email")]
    [InlineData("Id")]
    [InlineData("")]
    [InlineData("1")]
    public async Task Get_WithAnUnknownSearchBy_Returns400NamingIt(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/users/{user.Id}?searchBy={searchBy}"), "searchBy");
    }

    [StoreTheory]
    [InlineData("Username")]
    [InlineData("EmployeeId")]
    public async Task Get_WithAnIdentifierLongerThan50_Returns400NamingIt(string searchBy)
    {
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.GetAsync($"/v1/users/{new string('a', 51)}?searchBy={searchBy}");

        await HttpAssert.ExpectBadRequestNamingAsync(response, "userIdentifier", "50");
    }

    [StoreTheory]
    [InlineData("Username")]
    [InlineData("EmployeeId")]
    public async Task Get_WithAnIdentifierOf50_IsLookedUp(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var identifier = "x" + Unique.Suffix() + new string('a', 39);
        var user = await company.CreateUserAsync(company.RootId, customize: b => b[searchBy == "Username" ? "username" : "employeeId"] = identifier);

        var found = await company.Admin.GetObjectAsync($"/v1/users/{identifier}?searchBy={searchBy}");

        Assert.Equal(50, identifier.Length);
        Assert.Equal(user.Id.ToString(), found["userId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("not-a-uuid", "")]
    [InlineData("not-a-uuid", "?searchBy=UserId")]
    [InlineData("12345", "?searchBy=userid")]
    public async Task Get_ByUserIdThatIsNotAUuid_Returns400NamingTheIdentifier(string identifier, string query)
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/users/{identifier}{query}"), "userIdentifier", "UUID");
    }

    [StoreTheory]
    [InlineData("UserId")]
    [InlineData("Username")]
    [InlineData("EmployeeId")]
    public async Task Get_AnUnknownUser_Returns404WithTheContractBody(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var identifier = searchBy == "UserId" ? Guid.NewGuid().ToString() : "nobody-" + Unique.Suffix();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{identifier}?searchBy={searchBy}"), HttpStatusCode.NotFound);

        Assert.Contains(messages, m => m.Contains(identifier, StringComparison.Ordinal));
    }

    [StoreTheory]
    [InlineData("UserId")]
    [InlineData("Username")]
    [InlineData("EmployeeId")]
    public async Task Get_AUserOfAnotherCompany_Returns404(string searchBy)
    {
        var other = await app.NewCompanyAsync();
        var stranger = await other.CreateUserAsync(other.RootId, customize: b => b["employeeId"] = "Emp-" + Unique.Suffix());
        var company = await app.NewCompanyAsync();
        var identifier = searchBy switch
        {
            "UserId" => stranger.Id.ToString(),
            "Username" => stranger.Username,
            _ => stranger.Body["employeeId"]!.GetValue<string>(),
        };

        var response = await company.Admin.GetAsync($"/v1/users/{identifier}?searchBy={searchBy}");

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.NotFound);
        Assert.Null(response.Headers.ETag);
    }

    [StoreFact]
    public async Task Get_AnAdministratorOfAnotherCompany_Returns404()
    {
        var other = await app.NewCompanyAsync();
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{other.AdminId}"), HttpStatusCode.NotFound);
        await HttpAssert.ExpectErrorAsync(await company.Admin.GetAsync($"/v1/users/{other.AdminUsername}?searchBy=Username"), HttpStatusCode.NotFound);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Administrator, "UserId")]
    [InlineData(RoleCatalog.Coach, "UserId")]
    [InlineData(RoleCatalog.Coach, "Username")]
    [InlineData(RoleCatalog.Coach, "EmployeeId")]
    public async Task Get_AUserOfTheCompanyOutsideTheCallersReach_Returns403WithAnEmptyBody(int callerRole, string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, caller) = await company.NewCallerAsync((west, callerRole));
        var eastDriver = await company.CreateUserAsync(east, customize: b => b["employeeId"] = "Emp-" + Unique.Suffix());
        var identifier = searchBy switch
        {
            "UserId" => eastDriver.Id.ToString(),
            "Username" => eastDriver.Username,
            _ => eastDriver.Body["employeeId"]!.GetValue<string>(),
        };

        await HttpAssert.ExpectEmptyAsync(await caller.GetAsync($"/v1/users/{identifier}?searchBy={searchBy}"), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Get_AUserInTheParentGroupOfTheCallersReach_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, westCoach) = await company.NewCallerAsync((west, RoleCatalog.Coach));

        await HttpAssert.ExpectEmptyAsync(await westCoach.GetAsync($"/v1/users/{company.AdminId}"), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Administrator)]
    public async Task Get_ByACoachOrAdministratorOfAGroup_ReadsAUserOfItsSubgroup(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var (_, caller) = await company.NewCallerAsync((west, callerRole));
        var driver = await company.CreateUserAsync(california);

        var found = await caller.GetObjectAsync($"/v1/users/{driver.Id}");

        Assert.Equal(driver.Body.ToJsonString(), found.ToJsonString());
    }

    [StoreFact]
    public async Task Get_AUserWithOneRoleInsideTheCallersReach_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westCoach) = await company.NewCallerAsync((west, RoleCatalog.Coach));
        var both = await company.CreateUserAsync(east, customize: b =>
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(east, RoleCatalog.Driver), UserBodies.GroupRole(west, RoleCatalog.Driver)));

        await HttpAssert.ExpectAsync(await westCoach.GetAsync($"/v1/users/{both.Id}"), HttpStatusCode.OK);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.VideoReviewer)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public async Task Get_ByACallerWhoseRoleGrantsNoUserReading_Returns403(int callerRole)
    {
        var company = await app.NewCompanyAsync();
        var (_, caller) = await company.NewCallerAsync((company.RootId, callerRole));
        var other = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectEmptyAsync(await caller.GetAsync($"/v1/users/{other.Id}"), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Get_WithoutAToken_Returns401WithAnEmptyBody()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await app.CreateClient().GetAsync($"/v1/users/{user.Id}");

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreFact]
    public async Task Get_CarriesTheETagThatPutReturned()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var before = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag;

        var put = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));
        await HttpAssert.ExpectAsync(put, HttpStatusCode.OK);
        var read = await company.Admin.GetAsync($"/v1/users/{user.Id}");

        Assert.NotNull(before);
        Assert.NotNull(put.Headers.ETag);
        Assert.Equal(put.Headers.ETag, read.Headers.ETag);
        Assert.NotEqual(before, read.Headers.ETag);
    }

    [StoreTheory]
    [InlineData("Username")]
    [InlineData("EmployeeId")]
    public async Task Get_ByAnotherIdentifier_CarriesTheSameETag(string searchBy)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = "Emp-" + Unique.Suffix());
        var identifier = searchBy == "Username" ? user.Username : user.Body["employeeId"]!.GetValue<string>();

        var byId = await company.Admin.GetAsync($"/v1/users/{user.Id}");
        var byOther = await company.Admin.GetAsync($"/v1/users/{identifier}?searchBy={searchBy}");

        await HttpAssert.ExpectAsync(byOther, HttpStatusCode.OK);
        Assert.NotNull(byId.Headers.ETag);
        Assert.Equal(byId.Headers.ETag, byOther.Headers.ETag);
    }

    [StoreFact]
    public async Task Get_WithoutAStoredPrimaryGroup_DerivesTheGroupClosestToTheRoot()
    {
        var company = await app.NewCompanyAsync();
        var zulu = await company.AddGroupAsync("Zulu");
        var alpha = await company.AddGroupAsync("Alpha");
        var deep = await company.AddGroupAsync("Aardvark", alpha);
        var user = await company.CreateUserAsync(deep, customize: b =>
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(deep, RoleCatalog.Driver), UserBodies.GroupRole(zulu, RoleCatalog.Driver)));

        var found = await company.GetUserAsync(user.Id);

        Assert.Equal(zulu.ToString(), found["primaryGroupId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Get_WithoutAStoredPrimaryGroup_BreaksLevelTiesByGroupName()
    {
        var company = await app.NewCompanyAsync();
        var bravo = await company.AddGroupAsync("Bravo");
        var alpha = await company.AddGroupAsync("alpha");
        var charlie = await company.AddGroupAsync("Charlie");
        var user = await company.CreateUserAsync(bravo, customize: b => b["groupRoles"] = new JsonArray(
            UserBodies.GroupRole(charlie, RoleCatalog.Driver), UserBodies.GroupRole(bravo, RoleCatalog.Driver), UserBodies.GroupRole(alpha, RoleCatalog.Driver)));

        var found = await company.GetUserAsync(user.Id);

        Assert.Equal(alpha.ToString(), found["primaryGroupId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Get_WithAStoredPrimaryGroup_ReturnsIt()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var user = await company.CreateUserAsync(west, customize: b =>
        {
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.Driver), UserBodies.GroupRole(california, RoleCatalog.Driver));
            b["primaryGroupId"] = california;
        });

        var found = await company.GetUserAsync(user.Id);

        Assert.Equal(california.ToString(), found["primaryGroupId"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Get_ReturnsDatesWithAnOffset_IncludingTheLastLogin()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        await app.LoginAsync(user.Username, TestCompany.Password);

        var found = await company.GetUserAsync(user.Id);

        foreach (var key in new[] { "createdDate", "updatedDate", "lastLoginDate" })
        {
            var value = found[key]?.GetValue<string>();
            Assert.NotNull(value);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$", value);
        }
        Assert.True(DateTimeOffset.Parse(found["lastLoginDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(found["createdDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [StoreFact]
    public async Task Get_NeverReturnsThePassword()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);

        var text = await (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Content.ReadAsStringAsync();

        Assert.DoesNotContain(TestCompany.Password, text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
    }

    [StoreTheory]
    [InlineData("?expand=groups", "expand")]
    [InlineData("?searchBy=UserId&includeDeleted=true", "includeDeleted")]
    public async Task Get_WithAnUnknownQueryParameter_Returns400NamingIt(string query, string parameter)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/users/{user.Id}{query}"), parameter);
    }

    [StoreFact]
    public async Task Get_WithSearchByGivenTwice_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.GetAsync($"/v1/users/{user.Id}?searchBy=UserId&searchBy=Username"), "searchBy");
    }

    [StoreFact]
    public async Task Get_WithSeveralProblems_ReportsEachOne()
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(
            await company.Admin.GetAsync($"/v1/users/{new string('a', 51)}?searchBy=Nickname&page=2"), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("userIdentifier", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("searchBy", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("page", StringComparison.Ordinal));
    }
}
