using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;

namespace FleetUsers.Api.Tests.Users;

/// <summary>PUT /v1/users/{userId}: the seed operation, one test per rule of the contract's table and per status.</summary>
public sealed class PutUserTests(FleetUsersApp app)
{
    public static TheoryData<string> RequiredKeys() =>
    [
        "allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName",
        "groupRoles", "lastName", "loginEnabled", "primaryGroupId", "status", "username",
    ];

    [StoreFact]
    public async Task Put_SeedSampleBody_Returns200WithTheFullUser()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West Coast Group");
        // The seed sets loginEnabled true without a password: the user must already have one stored.
        var user = await company.CreateUserAsync(west, password: TestCompany.Password);
        var seedBody = UserBodies.SeedSample(west).Replace("\"j.smith\"", $"\"j.smith-{Unique.Suffix()}\"", StringComparison.Ordinal);

        var response = await company.Admin.SendJsonAsync(HttpMethod.Put, $"/v1/users/{user.Id}", seedBody);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        var sent = JsonNode.Parse(seedBody)!.AsObject();
        Assert.Equal(user.Id.ToString(), body["userId"]!.GetValue<string>());
        foreach (var key in new[] { "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName", "lastName", "status", "username" })
        {
            Assert.Equal(sent[key]!.GetValue<string>(), body[key]!.GetValue<string>());
        }
        Assert.True(body["loginEnabled"]!.GetValue<bool>());
        Assert.False(body["allowVideoSearchDownload"]!.GetValue<bool>());
        Assert.False(body["allowSafetyEventDownload"]!.GetValue<bool>());
        Assert.Equal(west.ToString(), body["primaryGroupId"]!.GetValue<string>());
        var role = Assert.Single(body["groupRoles"]!.AsArray())!;
        Assert.Equal(west.ToString(), role["groupId"]!.GetValue<string>());
        Assert.Equal("West Coast Group", role["groupName"]!.GetValue<string>());
        Assert.Equal(4, role["roleId"]!.GetValue<int>());
        Assert.Null(body["password"]);
        Assert.Matches(@"[+-]\d\d:\d\d$", body["createdDate"]!.GetValue<string>());
        Assert.Matches(@"[+-]\d\d:\d\d$", body["updatedDate"]!.GetValue<string>());
        Assert.NotNull(response.Headers.ETag);
    }

    [StoreTheory]
    [MemberData(nameof(RequiredKeys))]
    public async Task Put_WithoutARequiredKey_Returns400NamingIt(string key)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body.Remove(key);

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        var messages = await HttpAssert.ExpectBadRequestNamingAsync(response, key, "required");
        Assert.Equal($"{key} is required", Assert.Single(messages));
    }

    [StoreFact]
    public async Task Put_WithoutPassword_IsAcceptedAndKeepsTheStoredPassword()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var body = UserBodies.Update(company.RootId);
        body["loginEnabled"] = true;

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        await app.LoginAsync(body["username"]!.GetValue<string>(), TestCompany.Password);
    }

    [StoreFact]
    public async Task Put_WithNullPassword_KeepsTheStoredPassword()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var body = UserBodies.Update(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = null;

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        await app.LoginAsync(body["username"]!.GetValue<string>(), TestCompany.Password);
    }

    [StoreFact]
    public async Task Put_WithPassword_ChangesThePassword()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId, password: TestCompany.Password);
        var body = UserBodies.Update(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = "Brand-New-Pass-2";

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        var username = body["username"]!.GetValue<string>();
        await app.LoginAsync(username, "Brand-New-Pass-2");
        var old = await app.CreateClient().PostAsync("/api/auth/user", Json.Content(new JsonObject { ["username"] = username, ["password"] = TestCompany.Password }));
        await HttpAssert.ExpectEmptyAsync(old, HttpStatusCode.Unauthorized);
    }

    [StoreTheory]
    [InlineData("Sh0rt-x")]                  // 7 characters
    [InlineData("alllowercaseletters")]      // one class only
    [InlineData("lowercase-and-symbols")]    // two classes
    public async Task Put_WithAWeakPassword_Returns400NamingPassword(string password)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["password"] = password;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "password");
    }

    [StoreFact]
    public async Task Put_WithAPasswordLongerThan128_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["password"] = "Aa1-" + new string('x', 125);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "password", "128");
    }

    [StoreFact]
    public async Task Put_WithThePasswordEqualToTheUsername_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = "Same-Name-" + Unique.Suffix();
        body["password"] = body["username"]!.GetValue<string>();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "password", "username");
    }

    [StoreTheory]
    [InlineData(RoleCatalog.VideoReviewer)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public async Task Put_AllowVideoSearchDownloadForAReviewer_Returns200(int reviewerRole)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId, reviewerRole);
        body["allowVideoSearchDownload"] = true;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True((await HttpAssert.ReadObjectAsync(response))["allowVideoSearchDownload"]!.GetValue<bool>());
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Administrator)]
    public async Task Put_AllowVideoSearchDownloadWithoutAReviewerRole_Returns400(int role)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId, role);
        body["allowVideoSearchDownload"] = true;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "allowVideoSearchDownload");
    }

    [StoreTheory]
    [InlineData("us", "+1234567890", "US")]
    [InlineData("CA", "(555) 123-4567", "CA")]
    [InlineData("Ca", "555.123.4567", "CA")]
    [InlineData("US", "1234567", "US")]               // 7 digits
    [InlineData("US", "+123456789012345", "US")]      // 15 digits
    public async Task Put_WithAValidUsOrCaPhone_StoresCountryInUpperCase(string country, string number, string storedCountry)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["cellPhoneCountry"] = country;
        body["cellPhoneNumber"] = number;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var stored = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(storedCountry, stored["cellPhoneCountry"]!.GetValue<string>());
        Assert.Equal(number, stored["cellPhoneNumber"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("MX", "+1234567890", "cellPhoneCountry")]
    [InlineData("USA", "+1234567890", "cellPhoneCountry")]
    [InlineData("US", "123456", "cellPhoneNumber")]            // 6 digits
    [InlineData("US", "1234567890123456", "cellPhoneNumber")]  // 16 digits
    [InlineData("US", "555-CALL-NOW", "cellPhoneNumber")]      // letters
    [InlineData("US", "12+34567890", "cellPhoneNumber")]       // + not leading
    [InlineData(null, "+1234567890", "cellPhoneCountry")]      // number without country
    [InlineData("US", null, "cellPhoneNumber")]                // country without number
    [InlineData("", "+1234567890", "cellPhoneCountry")]
    public async Task Put_WithABadPhone_Returns400NamingTheField(string? country, string? number, string field)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["cellPhoneCountry"] = country;
        body["cellPhoneNumber"] = number;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), field);
    }

    [StoreTheory]
    [InlineData(null, null)]
    [InlineData("", "")]
    public async Task Put_WithNoPhoneAtAll_StoresNull(string? country, string? number)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["cellPhoneCountry"] = country;
        body["cellPhoneNumber"] = number;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var stored = await HttpAssert.ReadObjectAsync(response);
        Assert.Null(stored["cellPhoneCountry"]);
        Assert.Null(stored["cellPhoneNumber"]);
    }

    [StoreTheory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("John Smith <john@example.com>")]
    [InlineData("john@example")]
    public async Task Put_WithAnInvalidEmail_Returns400(string email)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["email"] = email;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "email");
    }

    [StoreFact]
    public async Task Put_WithAnEmailLongerThan254_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["email"] = new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 62), 3)) + ".com";

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "email", "254");
    }

    [StoreFact]
    public async Task Put_WithAnEmailSharedWithAnotherUser_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var first = await company.CreateUserAsync(company.RootId);
        var second = await company.CreateUserAsync(company.RootId);
        var a = UserBodies.Update(company.RootId);
        var b = UserBodies.Update(company.RootId);
        a["email"] = "shared@example.com";
        b["email"] = "shared@example.com";

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{first.Id}", a), HttpStatusCode.OK);
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{second.Id}", b), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_WithAnEmployeeIdLongerThan50_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["employeeId"] = new string('7', 51);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "employeeId", "50");
    }

    [StoreFact]
    public async Task Put_WithAnEmployeeIdTakenInTheCompanyInAnyCase_Returns409()
    {
        var company = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix();
        await company.CreateUserAsync(company.RootId, customize: b => b["employeeId"] = employeeId);
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["employeeId"] = employeeId.ToLowerInvariant();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.Conflict);

        Assert.Contains(messages, m => m.StartsWith("employeeId", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Put_WithAnEmployeeIdUsedInAnotherCompany_Returns200()
    {
        var other = await app.NewCompanyAsync();
        var employeeId = "Emp-" + Unique.Suffix();
        await other.CreateUserAsync(other.RootId, customize: b => b["employeeId"] = employeeId);
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["employeeId"] = employeeId;

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);
    }

    [StoreTheory]
    [InlineData("firstName", "")]
    [InlineData("firstName", "   ")]
    [InlineData("lastName", "")]
    [InlineData("firstName", "Tab\tName")]
    public async Task Put_WithAnEmptyOrBrokenName_Returns400NamingIt(string field, string value)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body[field] = value;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), field);
    }

    [StoreTheory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    public async Task Put_WithANameLongerThan100_Returns400(string field)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body[field] = new string('n', 101);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), field, "100");
    }

    [StoreTheory]
    [InlineData("john smith")]
    [InlineData("john/smith")]
    [InlineData("jöhn")]
    public async Task Put_WithAUsernameOfForbiddenCharacters_Returns400(string username)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = username;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "username");
    }

    [StoreFact]
    public async Task Put_WithAUsernameLongerThan50_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = new string('u', 51);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "username", "50");
    }

    [StoreFact]
    public async Task Put_WithAUsernameTakenInAnotherCompanyInAnyLetterCase_Returns409()
    {
        var other = await app.NewCompanyAsync();
        var taken = await other.CreateUserAsync(other.RootId, customize: b => b["username"] = "J.Smith-" + Unique.Suffix());
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = taken.Username.ToLowerInvariant();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.Conflict);

        Assert.Contains(messages, m => m.StartsWith("username", StringComparison.Ordinal));
        Assert.Equal(user.Username, (await company.GetUserAsync(user.Id))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Put_WithItsOwnUsernameInAnotherCase_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["username"] = user.Username.ToUpperInvariant();

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(user.Username.ToUpperInvariant(), (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Put_WithoutAUsernameAndWithAnEmployeeId_GeneratesFirstnameLastnameEmployeeId(string? username)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var (first, last, employeeId) = ("Gen" + Unique.Letters(), "Smith", "E" + Unique.Suffix());
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = first;
        body["lastName"] = last;
        body["employeeId"] = employeeId;
        body["username"] = username;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(first + last + employeeId, (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Put_WithoutAUsernameOrEmployeeId_GeneratesFirstnameLastname_WithoutSpacesOrOtherCharacters()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var first = "Mary Ann" + Unique.Letters();
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = first;
        body["lastName"] = "O'Brien";
        body["employeeId"] = null;
        body["username"] = null;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(first.Replace(" ", "", StringComparison.Ordinal) + "OBrien", (await HttpAssert.ReadObjectAsync(response))["username"]!.GetValue<string>());
    }

    [StoreFact]
    public async Task Put_WithoutAUsername_WhenTheNameIsTaken_AppendsAnEightDigitHash_AndKeepsDeriving()
    {
        var company = await app.NewCompanyAsync();
        var (first, last, employeeId) = ("Gen" + Unique.Letters(), "Jones", "E" + Unique.Suffix());
        var plain = first + last + employeeId;
        await company.CreateUserAsync(company.RootId, customize: b => b["username"] = plain.ToUpperInvariant());
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = first;
        body["lastName"] = last;
        body["employeeId"] = employeeId;
        body["username"] = null;

        var user = await company.CreateUserAsync(company.RootId);
        var firstTry = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);
        await HttpAssert.ExpectAsync(firstTry, HttpStatusCode.OK);
        var hashed = (await HttpAssert.ReadObjectAsync(firstTry))["username"]!.GetValue<string>();

        // The hashed name goes to someone else (in another letter case), so both names are taken.
        var named = body.DeepClone().AsObject();
        named["username"] = "other-" + Unique.Suffix();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", named), HttpStatusCode.OK);
        await company.CreateUserAsync(company.RootId, customize: b => b["username"] = hashed.ToUpperInvariant());
        var secondTry = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);
        await HttpAssert.ExpectAsync(secondTry, HttpStatusCode.OK);

        Assert.Matches($"^{plain}\\d{{8}}$", hashed);
        var derivedAgain = (await HttpAssert.ReadObjectAsync(secondTry))["username"]!.GetValue<string>();
        Assert.Matches($"^{plain}\\d{{8}}$", derivedAgain);
        Assert.NotEqual(hashed, derivedAgain, StringComparer.OrdinalIgnoreCase);
    }

    [StoreTheory]
    [InlineData("active", "Active")]
    [InlineData("INACTIVE", "Inactive")]
    public async Task Put_WithStatusInAnyCase_StoresTheCanonicalCase(string status, string stored)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["status"] = status;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(stored, (await HttpAssert.ReadObjectAsync(response))["status"]!.GetValue<string>());
    }

    [StoreTheory]
    [InlineData("Suspended")]
    [InlineData("")]
    public async Task Put_WithAnUnknownStatus_Returns400(string status)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["status"] = status;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "status");
    }

    [StoreFact]
    public async Task Put_LoginEnabledWithoutAnyPassword_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["loginEnabled"] = true;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "loginEnabled", "password");
    }

    [StoreFact]
    public async Task Put_LoginEnabledWithAPasswordInTheBody_Returns200AndTheUserCanLogIn()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["loginEnabled"] = true;
        body["password"] = "First-Pass-99";

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        await app.LoginAsync(body["username"]!.GetValue<string>(), "First-Pass-99");
    }

    [StoreFact]
    public async Task Put_WithAPrimaryGroupOutsideGroupRoles_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["primaryGroupId"] = west;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "primaryGroupId");
    }

    [StoreFact]
    public async Task Put_WithoutAPrimaryGroup_DerivesTheHighestLevelGroup_TiesBrokenByName()
    {
        var company = await app.NewCompanyAsync();
        var zulu = await company.AddGroupAsync("Zulu");
        var alpha = await company.AddGroupAsync("Alpha");
        var deep = await company.AddGroupAsync("Aardvark", zulu); // level 3: lower than both, though first by name
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(deep);
        body["groupRoles"] = new JsonArray(UserBodies.GroupRole(deep, RoleCatalog.Driver), UserBodies.GroupRole(zulu, RoleCatalog.Driver),
            UserBodies.GroupRole(alpha, RoleCatalog.Driver));
        body["primaryGroupId"] = null;

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.Equal(alpha.ToString(), (await HttpAssert.ReadObjectAsync(response))["primaryGroupId"]!.GetValue<string>());
        Assert.Equal(alpha.ToString(), (await company.GetUserAsync(user.Id))["primaryGroupId"]!.GetValue<string>());
    }

    /// <summary>A client may send back the groupRoles it read: their groupName (what responses show) is accepted and ignored.</summary>
    [StoreFact]
    public async Task Put_GroupRolesAsAGetReturnedThem_WithGroupName_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(west);
        var read = (await company.GetUserAsync(user.Id))["groupRoles"]!;
        Assert.Equal("West", read[0]!["groupName"]!.GetValue<string>());
        var body = UserBodies.Update(west);
        body["groupRoles"] = read.DeepClone();

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(read, (await HttpAssert.ReadObjectAsync(response))["groupRoles"]));
    }

    [StoreFact]
    public async Task Put_WithEmptyGroupRoles_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["groupRoles"] = new JsonArray();
        body["primaryGroupId"] = null;

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "groupRoles");
    }

    [StoreFact]
    public async Task Put_WithAGroupOfAnotherCompanyOrNone_Returns400NamingTheEntry()
    {
        var other = await app.NewCompanyAsync();
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["groupRoles"] = new JsonArray(UserBodies.GroupRole(company.RootId, 4), UserBodies.GroupRole(other.RootId, 4),
            UserBodies.GroupRole(Guid.NewGuid(), 4));

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("groupRoles[1].groupId", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("groupRoles[2].groupId", StringComparison.Ordinal));
    }

    [StoreTheory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public async Task Put_WithARoleOutsideTheCatalogue_Returns400(int roleId)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId, roleId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "groupRoles[0].roleId");
    }

    [StoreFact]
    public async Task Put_WithADuplicateGroupRole_Returns400()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["groupRoles"] = new JsonArray(UserBodies.GroupRole(company.RootId, 4), UserBodies.GroupRole(company.RootId, 4));

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), "groupRoles[1]");
    }

    [StoreFact]
    public async Task Put_WithUnknownKeys_Returns400NamingEach()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["nickname"] = "JJ";
        body["isAdmin"] = true;

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Contains("nickname is not a known property", messages);
        Assert.Contains("isAdmin is not a known property", messages);
    }

    [StoreFact]
    public async Task Put_WithManyProblems_ReportsEveryOneAtOnce()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body.Remove("lastName");
        body["firstName"] = 42;
        body["email"] = "nope";
        body["loginEnabled"] = "yes";
        body["groupRoles"] = new JsonArray(new JsonObject { ["groupId"] = "not-a-uuid", ["roleId"] = 99999999999 });

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Contains("lastName is required", messages);
        Assert.Contains(messages, m => m.StartsWith("firstName", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("email", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("loginEnabled", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("groupRoles[0].groupId", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("groupRoles[0].roleId", StringComparison.Ordinal));
    }

    [StoreFact]
    public async Task Put_ThatFails_ChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var before = await company.GetUserAsync(user.Id);
        var body = UserBodies.Update(company.RootId);
        body["email"] = "broken";

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.BadRequest);

        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreTheory]
    [InlineData("{\"firstName\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public async Task Put_WithABodyThatIsNotAJsonObject_Returns400(string body)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.SendJsonAsync(HttpMethod.Put, $"/v1/users/{user.Id}", body), "body");
    }

    [StoreTheory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task Put_WithANonJsonContentType_Returns415(string mediaType)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.PutAsync($"/v1/users/{user.Id}", Json.Content(UserBodies.Update(company.RootId).ToJsonString(), mediaType));

        Assert.Equal(["the body must be JSON"], await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.UnsupportedMediaType));
    }

    [StoreTheory]
    [InlineData("text/json")]
    [InlineData("application/merge-patch+json")]
    public async Task Put_WithAnotherJsonContentType_Returns200(string mediaType)
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await company.Admin.PutAsync($"/v1/users/{user.Id}", Json.Content(UserBodies.Update(company.RootId).ToJsonString(), mediaType));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_WithABodyOverTheLimit_Returns413()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var body = UserBodies.Update(company.RootId);
        body["firstName"] = new string('x', 2 * 1024 * 1024);

        await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.RequestEntityTooLarge);
    }

    [StoreFact]
    public async Task Put_ToAUserIdThatIsNotAUuid_Returns400()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(await company.Admin.PutJsonAsync("/v1/users/not-a-uuid", UserBodies.Update(company.RootId)), "userId");
    }

    [StoreFact]
    public async Task Put_ToAnUnknownUser_Returns404()
    {
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{Guid.NewGuid()}", UserBodies.Update(company.RootId)), HttpStatusCode.NotFound);
    }

    [StoreFact]
    public async Task Put_ToAUserOfAnotherCompany_Returns404AndChangesNothing()
    {
        var other = await app.NewCompanyAsync();
        var stranger = await other.CreateUserAsync(other.RootId);
        var before = await other.GetUserAsync(stranger.Id);
        var company = await app.NewCompanyAsync();
        var body = UserBodies.Update(company.RootId);

        await HttpAssert.ExpectErrorAsync(await company.Admin.PutJsonAsync($"/v1/users/{stranger.Id}", body), HttpStatusCode.NotFound);

        Assert.Equal(before.ToJsonString(), (await other.GetUserAsync(stranger.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Put_WithoutAToken_Returns401WithAnEmptyBodyAndABearerChallenge()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);

        var response = await app.CreateClient().PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [StoreFact]
    public async Task Put_WithATamperedToken_Returns401()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var token = company.Admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");

        var response = await app.CreateClient(tampered).PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Put_ByACallerDisabledAfterItsTokenWasIssued_Returns401()
    {
        var company = await app.NewCompanyAsync();
        var (scopedAdmin, client) = await company.NewCallerAsync((company.RootId, RoleCatalog.Administrator));
        var target = await company.CreateUserAsync(company.RootId);
        var disable = UserBodies.Update(company.RootId, RoleCatalog.Administrator);
        disable["username"] = scopedAdmin.Username;
        disable["status"] = "Inactive";
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{scopedAdmin.Id}", disable), HttpStatusCode.OK);

        var response = await client.PutJsonAsync($"/v1/users/{target.Id}", UserBodies.Update(company.RootId));

        await HttpAssert.ExpectEmptyAsync(response, HttpStatusCode.Unauthorized);
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorInsideItsSubtree_Returns200()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var california = await company.AddGroupAsync("California", west);
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var driver = await company.CreateUserAsync(california);

        await HttpAssert.ExpectAsync(await westAdmin.PutJsonAsync($"/v1/users/{driver.Id}", UserBodies.Update(west)), HttpStatusCode.OK);
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorOnAUserOutsideItsSubtree_Returns403WithAnEmptyBody()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var eastDriver = await company.CreateUserAsync(east);
        var before = await company.GetUserAsync(eastDriver.Id);

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PutJsonAsync($"/v1/users/{eastDriver.Id}", UserBodies.Update(east)), HttpStatusCode.Forbidden);

        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(eastDriver.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorMovingAUserOutOfItsSubtree_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var westDriver = await company.CreateUserAsync(west);

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PutJsonAsync($"/v1/users/{westDriver.Id}", UserBodies.Update(east)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_ByAScopedAdministratorOnAUserWhoAlsoBelongsOutsideIt_Returns403()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var east = await company.AddGroupAsync("East");
        var (_, westAdmin) = await company.NewCallerAsync((west, RoleCatalog.Administrator));
        var both = await company.CreateUserAsync(west, customize: b =>
            b["groupRoles"] = new JsonArray(UserBodies.GroupRole(west, 4), UserBodies.GroupRole(east, 4)));

        await HttpAssert.ExpectEmptyAsync(await westAdmin.PutJsonAsync($"/v1/users/{both.Id}", UserBodies.Update(west)), HttpStatusCode.Forbidden);
    }

    [StoreTheory]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Driver)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public async Task Put_ByACallerWithoutAdministrator_Returns403(int role)
    {
        var company = await app.NewCompanyAsync();
        var (_, caller) = await company.NewCallerAsync((company.RootId, role));
        var user = await company.CreateUserAsync(company.RootId);

        await HttpAssert.ExpectEmptyAsync(await caller.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId)), HttpStatusCode.Forbidden);
    }

    [StoreFact]
    public async Task Put_WithAnIfMatchOfTheCurrentVersion_Returns200AndANewETag()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var read = await company.Admin.GetAsync($"/v1/users/{user.Id}");
        var etag = read.Headers.ETag!.ToString();

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId), ifMatch: etag);

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        Assert.Equal(response.Headers.ETag!.ToString(), (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString());
    }

    [StoreFact]
    public async Task Put_WithAStaleIfMatch_Returns412AndChangesNothing()
    {
        var company = await app.NewCompanyAsync();
        var user = await company.CreateUserAsync(company.RootId);
        var stale = (await company.Admin.GetAsync($"/v1/users/{user.Id}")).Headers.ETag!.ToString();
        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId)), HttpStatusCode.OK);
        var before = await company.GetUserAsync(user.Id);

        var response = await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", UserBodies.Update(company.RootId), ifMatch: stale);

        await HttpAssert.ExpectErrorAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before.ToJsonString(), (await company.GetUserAsync(user.Id)).ToJsonString());
    }

    [StoreFact]
    public async Task Put_ReplacesTheGroupRolesWithTheOnesSent()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.AddGroupAsync("West");
        var user = await company.CreateUserAsync(company.RootId, RoleCatalog.Coach);
        var body = UserBodies.Update(west, RoleCatalog.VideoReviewer);

        await HttpAssert.ExpectAsync(await company.Admin.PutJsonAsync($"/v1/users/{user.Id}", body), HttpStatusCode.OK);

        var role = Assert.Single((await company.GetUserAsync(user.Id))["groupRoles"]!.AsArray())!;
        Assert.Equal(west.ToString(), role["groupId"]!.GetValue<string>());
        Assert.Equal(RoleCatalog.VideoReviewer, role["roleId"]!.GetValue<int>());
    }
}
