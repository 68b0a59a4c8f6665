using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>POST /v1/users: required and optional keys, uniqueness, generated usernames, reach, and that a refusal writes nothing.</summary>
public sealed class CreateUserTests(FleetUsersApp app)
{
    private const string Path = "/v1/users";

    [StoreFact]
    public async Task Post_WithEveryKey_Returns201WithTheFullUserALocationAndAnETag()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West Coast Group");
        var (username, employeeId) = ("j.smith-" + Unique.Suffix(), "Emp-" + Unique.Suffix());
        var body = new JsonObject
        {
            ["allowVideoSearchDownload"] = true,
            ["cellPhoneCountry"] = "us",
            ["cellPhoneNumber"] = "+1234567890",
            ["email"] = "email@email.com",
            ["employeeId"] = employeeId,
            ["firstName"] = "John",
            ["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, RoleCatalog.VideoReviewer)),
            ["lastName"] = "Smith",
            ["loginEnabled"] = true,
            ["password"] = "First-Pass-99",
            ["primaryGroupId"] = west,
            ["username"] = username,
        };

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var user = await HttpAssert.ReadObjectAsync(response);
        var userId = Guid.Parse(user["userId"]!.GetValue<string>());
        Assert.NotEqual(Guid.Empty, userId);
        Assert.Equal($"/v1/users/{userId}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("US", user["cellPhoneCountry"]!.GetValue<string>());
        Assert.Equal("+1234567890", user["cellPhoneNumber"]!.GetValue<string>());
        Assert.Equal("email@email.com", user["email"]!.GetValue<string>());
        Assert.Equal(employeeId, user["employeeId"]!.GetValue<string>());
        Assert.Equal("John", user["firstName"]!.GetValue<string>());
        Assert.Equal("Smith", user["lastName"]!.GetValue<string>());
        Assert.Equal(username, user["username"]!.GetValue<string>());
        Assert.Equal("Active", user["status"]!.GetValue<string>());
        Assert.True(user["loginEnabled"]!.GetValue<bool>());
        Assert.True(user["allowVideoSearchDownload"]!.GetValue<bool>());
        Assert.False(user["allowSafetyEventDownload"]!.GetValue<bool>());
        Assert.Equal(west.ToString(), user["primaryGroupId"]!.GetValue<string>());
        var role = Assert.Single(user["groupRoles"]!.AsArray())!;
        Assert.Equal(west.ToString(), role["groupId"]!.GetValue<string>());
        Assert.Equal("West Coast Group", role["groupName"]!.GetValue<string>());
        Assert.Equal(RoleCatalog.VideoReviewer, role["roleId"]!.GetValue<int>());
        Assert.Null(user["lastLoginDate"]);
        Assert.Matches(@"[+-]\d\d:\d\d$", user["createdDate"]!.GetValue<string>());
        Assert.Matches(@"[+-]\d\d:\d\d$", user["updatedDate"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Post_ThenGetAtTheLocation_ReturnsTheSameUserAndETag()
    {
        var company = await app.NewCompanyAsync();
        var response = await company.Admin.PostJsonAsync(Path, UserBodies.Create(company.RootId));
        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var created = await HttpAssert.ReadObjectAsync(response);

        var read = await company.Admin.GetAsync(response.Headers.Location);

        await HttpAssert.ExpectAsync(read, HttpStatusCode.OK);
        Assert.Equal(created.ToJsonString(), (await HttpAssert.ReadObjectAsync(read)).ToJsonString());
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
    }

    [StoreTheory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("groupRoles")]
    public async Task Post_WithoutARequiredKey_Returns400NamingIt(string key)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body.Remove(key);

        var messages = await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), key, "required");

        Assert.Equal($"{key} is required", Assert.Single(messages));
    }

    [StoreTheory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("groupRoles")]
    public async Task Post_WithARequiredKeyNull_Returns400NamingIt(string key)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body[key] = null;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), key);
    }

    [StoreFact]
    public async Task Post_WithOnlyTheRequiredKeys_Returns201WithDefaults()
    {
        var company = await app.NewCompanyAsync();
        var body = new JsonObject
        {
            ["firstName"] = "Only" + Unique.Letters(),
            ["lastName"] = "Required",
            ["groupRoles"] = new JsonArray(UserBodies.GroupRole(company.RootId, RoleCatalog.Driver)),
        };

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var user = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal("Active", user["status"]!.GetValue<string>());
        Assert.False(user["loginEnabled"]!.GetValue<bool>());
        Assert.False(user["allowVideoSearchDownload"]!.GetValue<bool>());
        Assert.False(user["allowSafetyEventDownload"]!.GetValue<bool>());
        Assert.Null(user["employeeId"]);
        Assert.Null(user["email"]);
        Assert.Null(user["cellPhoneCountry"]);
        Assert.Null(user["cellPhoneNumber"]);
        Assert.Equal(company.RootId.ToString(), user["primaryGroupId"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(user["username"]!.GetValue<string>()));
    }

    [StoreFact]
    public async Task Post_WithEveryOptionalKeyNull_Returns201()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        foreach (var key in new[] { "allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId",
                     "loginEnabled", "password", "primaryGroupId", "username" })
        {
            body[key] = null;
        }

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var user = await HttpAssert.ReadObjectAsync(response);
        Assert.False(user["loginEnabled"]!.GetValue<bool>());
        Assert.Equal(company.RootId.ToString(), user["primaryGroupId"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("Active")]
    [InlineData("Inactive")]
    [InlineData(null)]
    public async Task Post_WithAStatus_Returns400NamingIt(string? status)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["status"] = status;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "status");
    }

    [StoreFact]
    public async Task Post_WithUnknownKeys_Returns400NamingEach()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["nickname"] = "JJ";
        body["grant_type"] = "password";

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.BadRequest);

        Assert.Contains("nickname is not a known property", messages);
        Assert.Contains("grant_type is not a known property", messages);
    }

    [StoreFact]
    public async Task Post_LoginEnabledWithoutAPassword_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["loginEnabled"] = true;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "loginEnabled", "password");
    }

    [StoreFact]
    public async Task Post_LoginEnabledWithAPassword_TheUserCanLogIn()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = "First-Pass-99";

        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Created);

        var client = await app.LoginAsync(body["username"]!.GetValue<string>(), "First-Pass-99");
        await HttpAssert.ExpectAsync(await client.GetAsync("/v1/users/roles"), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Post_WithAPasswordButLoginDisabled_TheUserCannotLogIn()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["password"] = "First-Pass-99";

        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Created);

        var login = await app.CreateClient().PostAsync("/api/auth/user",
            Json.Content(new JsonObject { ["username"] = body["username"]!.GetValue<string>(), ["password"] = "First-Pass-99" }));
        await HttpAssert.ExpectEmptyAsync(login, HttpStatusCode.Unauthorized);
    }

    [StoreTheory]
    [InlineData("Sh0rt-x")]
    [InlineData("alllowercaseletters")]
    public async Task Post_WithAWeakPassword_Returns400NamingPassword(string password)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = password;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "password");
    }

    [StoreFact]
    public async Task Post_NeverReturnsThePassword()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = "Hidden-Pass-77";

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Hidden-Pass-77", text, StringComparison.Ordinal);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
    }

    [StoreTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Post_WithAUsernameTakenInAnyLetterCase_Returns409(bool inAnotherCompany)
    {
        var company = await app.NewCompanyAsync();
        var holder = inAnotherCompany ? await app.NewCompanyAsync() : company;
        var taken = await holder.CreateUserAsync(holder.RootId, customize: b => b["username"] = "J.Smith-" + Unique.Suffix());
        var body = UserBodies.Create(company.RootId);
        body["username"] = taken.Username.ToLowerInvariant();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Conflict);

        Assert.Contains(messages, m => m.StartsWith("username", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_WithAnEmployeeIdTakenInTheCompanyInAnyCase_Returns409()
    {
        var company = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix();
        await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        var body = UserBodies.Create(company.RootId);
        body["employeeId"] = employeeId.ToUpperInvariant();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Conflict);

        Assert.Contains(messages, m => m.StartsWith("employeeId", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_WithAUsernameAndAnEmployeeIdBothTaken_Returns409NamingEachInItsOwnMessage()
    {
        var company = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix();
        var taken = await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        var body = UserBodies.Create(company.RootId);
        body["username"] = taken.Username;
        body["employeeId"] = employeeId;

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Conflict);

        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.StartsWith("username", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("employeeId", StringComparison.Ordinal));
    }

    [StoreTheory]
    [InlineData("username")]
    [InlineData("employeeId")]
    public async Task Post_RacingForTheSameName_OneWinsAndTheOthersGet409(string key)
    {
        var company = await app.NewCompanyAsync();
        var name = "Race-" + Unique.Suffix();
        var bodies = Enumerable.Range(0, 8).Select(_ =>
        {
            var body = UserBodies.Create(company.RootId);
            body[key] = key == "username" ? name : name.ToUpperInvariant();
            return body;
        }).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => company.Admin.PostJsonAsync(Path, b)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var messages = await HttpAssert.ExpectErrorAsync(refused, HttpStatusCode.Conflict);
            Assert.Contains(messages, m => m.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [StoreFact]
    public async Task Post_RacingWithoutUsernamesForTheSameName_GeneratesADistinctNameForEach()
    {
        var company = await app.NewCompanyAsync();
        var (first, last) = ("Race" + Unique.Letters(), "Twin");
        var bodies = Enumerable.Range(0, 8).Select(_ =>
        {
            var body = UserBodies.Create(company.RootId);
            body["firstName"] = first;
            body["lastName"] = last;
            body.Remove("username");
            return body;
        }).ToList();

        var responses = await Task.WhenAll(bodies.Select(b => company.Admin.PostJsonAsync(Path, b)));

        var names = new List<string>();
        foreach (var response in responses)
        {
            await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
            names.Add((await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
        }
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains(first + last, names);
    }

    [StoreFact]
    public async Task Post_WithAnEmployeeIdUsedInAnotherCompany_Returns201()
    {
        var other = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix();
        await other.CreateUserAsync(other.RootId, customize: b => b["employeeId"] = employeeId);
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["employeeId"] = employeeId;

        await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.Created);
    }

    [StoreTheory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("absent")]
    public async Task Post_WithoutAUsernameAndWithAnEmployeeId_GeneratesFirstnameLastnameEmployeeId(string? username)
    {
        var company = await app.NewCompanyAsync();
        var (first, last, employeeId) = ("Gen" + Unique.Letters(), "Smith", "E" + Unique.Suffix());
        var body = UserBodies.Create(company.RootId);
        body["firstName"] = first;
        body["lastName"] = last;
        body["employeeId"] = employeeId;
        if (username == "absent")
        {
            body.Remove("username");
        }
        else
        {
            body["username"] = username;
        }

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal(first + last + employeeId, (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Post_WithoutAUsernameOrEmployeeId_GeneratesFirstnameLastname_WithoutSpacesOrOtherCharacters()
    {
        var company = await app.NewCompanyAsync();
        var first = "Mary Ann" + Unique.Letters();
        var body = UserBodies.Create(company.RootId);
        body["firstName"] = first;
        body["lastName"] = "O'Brien";
        body.Remove("username");

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Equal(first.Replace(" ", "", StringComparison.Ordinal) + "OBrien",
            (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Post_WithoutAUsernameOrEmployeeId_WhenTheNameIsTakenInAnyCase_AppendsAnEightDigitHash()
    {
        var company = await app.NewCompanyAsync();
        var (first, last) = ("Gen" + Unique.Letters(), "Brown");
        await company.CreateUserAsync(company.RootId, customize: b => b["username"] = (first + last).ToLowerInvariant());
        var body = UserBodies.Create(company.RootId);
        body["firstName"] = first;
        body["lastName"] = last;
        body.Remove("username");

        var response = await company.Admin.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        Assert.Matches($"^{first}{last}\\d{{8}}$", (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Post_WithoutAUsername_WhenTheNameAndItsHashedFormAreTaken_KeepsDeriving()
    {
        // Employee ids are unique per company only, so two companies can hold the same names and employee id:
        // the first generated name takes plain + hash(employee id); the second must go further.
        var (first, last, employeeId) = ("Gen" + Unique.Letters(), "Jones", "E" + Unique.Suffix());
        var plain = first + last + employeeId;
        var one = await app.NewCompanyAsync();
        await one.CreateUserAsync(one.RootId, customize: b => b["username"] = plain);
        JsonObject Body(Guid groupId)
        {
            var body = UserBodies.Create(groupId);
            body["firstName"] = first;
            body["lastName"] = last;
            body["employeeId"] = employeeId;
            body.Remove("username");
            return body;
        }
        var two = await app.NewCompanyAsync();
        var three = await app.NewCompanyAsync();

        var second = await two.Admin.PostJsonAsync(Path, Body(two.RootId));
        var third = await three.Admin.PostJsonAsync(Path, Body(three.RootId));

        await HttpAssert.ExpectAsync(second, HttpStatusCode.Created);
        await HttpAssert.ExpectAsync(third, HttpStatusCode.Created);
        var secondName = (await HttpAssert.ReadObjectAsync(second))["username"]!.GetValue<string>();
        var thirdName = (await HttpAssert.ReadObjectAsync(third))["username"]!.GetValue<string>();
        Assert.Matches($"^{plain}\\d{{8}}$", secondName);
        Assert.Matches($"^{plain}\\d{{8}}$", thirdName);
        Assert.NotEqual(secondName, thirdName, StringComparer.OrdinalIgnoreCase);
    }

    [StoreFact]
    public async Task Post_WithoutAUsername_AndLongNames_GeneratesAtMost50Characters()
    {
        var (first, last) = ("Long" + Unique.Letters(30), "Name" + Unique.Letters(30));
        var company = await app.NewCompanyAsync();
        var taken = await company.CreateUserAsync(company.RootId, customize: b => b["username"] = (first + last)[..50]);
        JsonObject Body()
        {
            var body = UserBodies.Create(company.RootId);
            body["firstName"] = first;
            body["lastName"] = last;
            body.Remove("username");
            return body;
        }

        var response = await company.Admin.PostJsonAsync(Path, Body());

        await HttpAssert.ExpectAsync(response, HttpStatusCode.Created);
        var username = (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>();
        Assert.Equal(50, username.Length);
        Assert.NotEqual(taken.Username, username, StringComparer.OrdinalIgnoreCase);
        Assert.StartsWith((first + last)[..42], username, StringComparison.Ordinal);
    }

    [StoreTheory]
    [InlineData("MX", "+1234567890", "cellPhoneCountry")]
    [InlineData("US", "555-CALL-NOW", "cellPhoneNumber")]
    [InlineData(null, "+1234567890", "cellPhoneCountry")]
    [InlineData("US", null, "cellPhoneNumber")]
    public async Task Post_WithABadPhone_Returns400NamingTheField(string? country, string? number, string field)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["cellPhoneCountry"] = country;
        body["cellPhoneNumber"] = number;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), field);
    }

    [StoreTheory]
    [InlineData("not-an-email")]
    [InlineData("John Smith <john@example.com>")]
    public async Task Post_WithAnInvalidEmail_Returns400(string email)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["email"] = email;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "email");
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.Coach)]
    public async Task Post_AllowVideoSearchDownloadWithoutAReviewerRole_Returns400(int role)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId, role);
        body["allowVideoSearchDownload"] = true;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "allowVideoSearchDownload");
    }

    [StoreTheory]
    [InlineData("firstName", "")]
    [InlineData("lastName", "   ")]
    [InlineData("username", "john smith")]
    [InlineData("employeeId", "123456789012345678901234567890123456789012345678901")]
    public async Task Post_WithABadField_Returns400NamingIt(string field, string value)
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body[field] = value;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), field);
    }

    [StoreFact]
    public async Task Post_WithAPrimaryGroupNotAmongItsGroupRoles_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var body = UserBodies.Create(company.RootId);
        body["primaryGroupId"] = west;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "primaryGroupId");
    }

    [StoreFact]
    public async Task Post_WithEmptyGroupRoles_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body["groupRoles"] = new JsonArray();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, body), "groupRoles");
    }

    [StoreFact]
    public async Task Post_WithAGroupOfAnotherCompany_Returns400()
    {
        var other = await app.NewCompanyAsync();
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PostJsonAsync(Path, UserBodies.Create(other.RootId)), "groupRoles[0].groupId");
    }

    [StoreFact]
    public async Task Post_WithManyProblems_ReportsEveryOneAtOnce()
    {
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Create(company.RootId);
        body.Remove("firstName");
        body["lastName"] = 7;
        body["email"] = "nope";
        body["status"] = "Active";
        body["loginEnabled"] = true;

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync(Path, body), HttpStatusCode.BadRequest);

        Assert.Contains("firstName is required", messages);
        Assert.Contains(messages, m => m.StartsWith("lastName", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("email", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("status", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("loginEnabled", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Post_ByAScopedAdministratorInsideItsSubtree_Returns201()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var body = UserBodies.Create(california);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(west, RoleCatalog.Coach));

        await HttpAssert.ExpectAsync(await westAdmin.PostJsonAsync(Path, body), HttpStatusCode.Created);
    }

    [StoreFact]
    public async Task Post_ByAScopedAdministratorOutsideItsSubtree_Returns403WithAnEmptyBody()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PostJsonAsync(Path, UserBodies.Create(east)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Post_ByAScopedAdministratorInItsParentGroup_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PostJsonAsync(Path, UserBodies.Create(company.RootId)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Post_GivingARoleInAGroupOutsideTheCallersReach_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var body = UserBodies.Create(west);
        body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(east, RoleCatalog.Driver));

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PostJsonAsync(Path, body), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Post_ByAnAdministratorWhoIsOnlyCoachAboveIt_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, caller) = await company.NewCallerAsync((west, RoleCatalog.Administrator), (company.RootId, RoleCatalog.Coach));

        await HttpAssert.ExpectEmptyAsync(await caller.PostJsonAsync(Path, UserBodies.Create(east)), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public async Task Post_ByACallerWithoutAdministrator_Returns403WithAnEmptyBody(int role)
    {
        var company = await app.NewCompanyAsync();
        var (_, caller) = await company.NewCallerAsync((company.RootId, role));

        await HttpAssert.ExpectEmptyAsync(await caller.PostJsonAsync(Path, UserBodies.Create(company.RootId)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Post_WithoutAToken_Returns401WithAnEmptyBodyAndABearerChallenge()
    {
        var company = await app.NewCompanyAsync();

        var response = await app.CreateClient().PostJsonAsync(Path, UserBodies.Create(company.RootId));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreFact]
    public async Task Post_WithANonJsonContentType_Returns415()
    {
        var company = await app.NewCompanyAsync();

        var response = await company.Admin.PostAsync(Path, Json.Content(UserBodies.Create(company.RootId).ToJsonString(), "text/plain"));

        Assert.Equal(["the body must be JSON"], await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    public static TheoryData<string> Refusals() => ["invalid", "forbidden", "employeeIdTaken", "passwordIsTheGeneratedUsername"];

    [StoreTheory]
    [MemberData(nameof(Refusals))]
    public async Task Post_ThatIsRefused_CreatesNothing(string refusal)
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var employeeId = "Emp-" + Unique.Suffix();
        await company.CreateUserAsync(west, customize: b => b["employeeId"] = employeeId);
        var before = await CountAsync(company);
        var body = UserBodies.Create(west);
        var caller = company.Admin;
        var expected = HttpStatusCode.BadRequest;
        switch (refusal)
        {
            case "invalid":
                body["email"] = "broken";
                break;
            case "forbidden":
                body["groupRoles"]!.AsArray().Add(UserBodies.GroupRole(east, RoleCatalog.Driver));
                caller = westAdmin;
                expected = HttpStatusCode.Forbidden;
                break;
            case "employeeIdTaken":
                body["employeeId"] = employeeId.ToLowerInvariant();
                expected = HttpStatusCode.Conflict;
                break;
            default:
                // Only known once the username is generated, inside the write: the check must still roll back.
                var name = "Ab" + Unique.Letters() + "Cd-1";
                body["firstName"] = "Ab";
                body["lastName"] = name[2..];
                body.Remove("username");
                body["loginEnabled"] = true;
                body["password"] = name;
                break;
        }

        var response = await caller.PostJsonAsync(Path, body);

        await HttpAssert.ExpectAsync(response, expected);
        if (refusal == "passwordIsTheGeneratedUsername")
        {
            await HttpAssert.ExpectBadRequestNamingAsync(response, "password", "username");
        }

        Assert.Equal(before, await CountAsync(company));
        if (body["username"] is { } username)
        {
            // The name is still free: nothing of the refused user was kept.
            var retry = UserBodies.Create(west);
            retry["username"] = username.GetValue<string>();
            await HttpAssert.ExpectAsync(await company.Admin.PostJsonAsync(Path, retry), HttpStatusCode.Created);
        }
    }

    private static async Task<int> CountAsync(TestCompany company) =>
        (await company.Admin.GetObjectAsync("/v1/users"))["metadata"]!["count"]!.GetValue<int>();
}
