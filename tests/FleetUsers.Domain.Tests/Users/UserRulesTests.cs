using FleetUsers.Domain.Groups;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;
using static FleetUsers.Domain.Tests.Support.SampleTree;

namespace FleetUsers.Domain.Tests.Users;

public sealed class UserRulesTests
{
    private static readonly string[] FieldNames =
    [
        "allowVideoSearchDownload", "cellPhoneCountry", "cellPhoneNumber", "email", "employeeId", "firstName",
        "groupRoles", "lastName", "loginEnabled", "password", "primaryGroupId", "status", "username",
    ];

    /// <summary>A body as the tests write it: null is "not sent" (or unreadable), as a reader leaves it in the draft's profile.</summary>
    private sealed record Draft
    {
        public string? FirstName { get; init; }
        public string? LastName { get; init; }
        public string? Username { get; init; }
        public string? EmployeeId { get; init; }
        public string? Email { get; init; }
        public string? CellPhoneCountry { get; init; }
        public string? CellPhoneNumber { get; init; }
        public string? Status { get; init; }
        public bool? LoginEnabled { get; init; }
        public string? Password { get; init; }
        public bool? AllowVideoSearchDownload { get; init; }
        public IReadOnlyList<GroupRole>? GroupRoles { get; init; }
        public Guid? PrimaryGroupId { get; init; }
        public IReadOnlyList<string> ReadProblems { get; init; } = [];
        public IReadOnlySet<string> UnreadableFields { get; init; } = new HashSet<string>();

        public UserDraft ToDraft()
        {
            var sent = new UserProfile
            {
                Username = Username,
                EmployeeId = EmployeeId,
                Email = Email,
                CellPhoneCountry = CellPhoneCountry,
                CellPhoneNumber = CellPhoneNumber,
                LoginEnabled = LoginEnabled ?? false,
                AllowVideoSearchDownload = AllowVideoSearchDownload ?? false,
                GroupRoles = GroupRoles ?? [],
                PrimaryGroupId = PrimaryGroupId,
            };
            // Through the field table, as a reader sets them: null first and last names stay unchecked, a null status is the default.
            sent = UserFields.FirstName.With(sent, FirstName);
            sent = UserFields.LastName.With(sent, LastName);
            sent = UserFields.Status.With(sent, Status);
            return new UserDraft { Sent = sent, Password = Password, ReadProblems = ReadProblems, UnreadableFields = UnreadableFields };
        }
    }

    /// <summary>The seed's sample body: every rule passes.</summary>
    private static Draft Valid() => new()
    {
        FirstName = "John",
        LastName = "Smith",
        Username = "j.smith",
        EmployeeId = "j.smith",
        Email = "email@email.com",
        CellPhoneCountry = "US",
        CellPhoneNumber = "+1234567890",
        Status = "Active",
        LoginEnabled = true,
        Password = null,
        AllowVideoSearchDownload = false,
        GroupRoles = [new GroupRole(West, RoleCatalog.Driver)],
        PrimaryGroupId = West,
    };

    private static (ValidUser? User, IReadOnlyList<string> Problems) Check(Draft draft, bool hasStoredPassword = true) =>
        UserRules.Check(draft.ToDraft(), new UserRuleContext(Build(), hasStoredPassword));

    private static ValidUser Accepted(Draft draft, bool hasStoredPassword = true)
    {
        var (user, problems) = Check(draft, hasStoredPassword);
        Assert.Empty(problems);
        Assert.NotNull(user);
        return user;
    }

    /// <summary>The draft is refused with exactly one problem, about <paramref name="field"/>.</summary>
    private static string RefusedFor(Draft draft, string field, bool hasStoredPassword = true)
    {
        var (user, problems) = Check(draft, hasStoredPassword);
        Assert.Null(user);
        var problem = Assert.Single(problems);
        Assert.StartsWith(field, problem, StringComparison.Ordinal);
        return problem;
    }

    // ---- the whole draft ----

    [Fact]
    public void Check_SeedSample_IsAcceptedAsSent()
    {
        var user = Accepted(Valid());

        Assert.Equal("John", user.Profile.FirstName);
        Assert.Equal("Smith", user.Profile.LastName);
        Assert.Equal("j.smith", user.Profile.Username);
        Assert.Equal("j.smith", user.Profile.EmployeeId);
        Assert.Equal("email@email.com", user.Profile.Email);
        Assert.Equal("US", user.Profile.CellPhoneCountry);
        Assert.Equal("+1234567890", user.Profile.CellPhoneNumber);
        Assert.Equal(UserStatus.Active, user.Profile.Status);
        Assert.True(user.Profile.LoginEnabled);
        Assert.Null(user.NewPassword);
        Assert.False(user.Profile.AllowVideoSearchDownload);
        Assert.Equal([new GroupRole(West, RoleCatalog.Driver)], user.Profile.GroupRoles);
        Assert.Equal(West, user.Profile.PrimaryGroupId);
    }

    [Fact]
    public void Check_WithManyProblems_ReportsEveryOneAtOnce()
    {
        var draft = new Draft
        {
            FirstName = " ",
            LastName = new string('x', 101),
            Username = "john smith",
            EmployeeId = new string('9', 51),
            Email = "not-an-email",
            CellPhoneCountry = "MX",
            CellPhoneNumber = "call me",
            Status = "Deleted",
            LoginEnabled = false,
            Password = "short",
            AllowVideoSearchDownload = false,
            GroupRoles = [new GroupRole(Unknown, 99)],
            PrimaryGroupId = Boston,
        };

        var (user, problems) = Check(draft);

        Assert.Null(user);
        string[] expected =
        [
            "firstName", "lastName", "username", "employeeId", "email", "cellPhoneCountry", "cellPhoneNumber",
            "status", "password", "groupRoles", "primaryGroupId",
        ];
        Assert.All(expected, field => Assert.Contains(problems, p => p.StartsWith(field + " ", StringComparison.Ordinal)
            || p.StartsWith(field + "[", StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_EveryProblem_StartsWithTheCamelCaseFieldItIsAbout()
    {
        var draft = new Draft
        {
            FirstName = "",
            LastName = "Smith\u0007",
            Username = "bad/name",
            EmployeeId = "E\u0000",
            Email = "a@b",
            CellPhoneCountry = "us",
            CellPhoneNumber = null,
            Status = "paused",
            LoginEnabled = true,
            Password = "password",
            AllowVideoSearchDownload = true,
            GroupRoles = [new GroupRole(West, RoleCatalog.Driver), new GroupRole(West, RoleCatalog.Driver), new GroupRole(Unknown, 0)],
            PrimaryGroupId = East,
        };

        var (_, problems) = Check(draft, hasStoredPassword: false);

        Assert.True(problems.Count >= 12, string.Join(Environment.NewLine, problems));
        Assert.All(problems, p => Assert.Contains(FieldNames, f => p.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Check_WithProblems_ReturnsNoUser()
    {
        var (user, problems) = Check(Valid() with { FirstName = "" });

        Assert.Null(user);
        Assert.NotEmpty(problems);
    }

    // ---- names ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_EmptyFirstName_IsRefused(string value)
    {
        RefusedFor(Valid() with { FirstName = value }, "firstName");
    }

    [Fact]
    public void Check_TooLongLastName_IsRefused()
    {
        RefusedFor(Valid() with { LastName = new string('x', 101) }, "lastName");
    }

    [Fact]
    public void Check_LastNameWithControlCharacter_IsRefused()
    {
        RefusedFor(Valid() with { LastName = "Sm\u0000ith" }, "lastName");
    }

    [Fact]
    public void Check_Names_AreTrimmed()
    {
        var user = Accepted(Valid() with { FirstName = "  John ", LastName = " Smith  " });

        Assert.Equal("John", user.Profile.FirstName);
        Assert.Equal("Smith", user.Profile.LastName);
    }

    // ---- username and employee id ----

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Check_EmptyOrNullUsername_IsAcceptedAsNullToBeGenerated(string? value)
    {
        Assert.Null(Accepted(Valid() with { Username = value }).Profile.Username);
    }

    [Fact]
    public void Check_UsernameWithDisallowedCharacters_IsRefused()
    {
        RefusedFor(Valid() with { Username = "j smith" }, "username");
    }

    [Fact]
    public void Check_TooLongUsername_IsRefused()
    {
        RefusedFor(Valid() with { Username = new string('u', 51) }, "username");
    }

    [Fact]
    public void Check_TooLongEmployeeId_IsRefused()
    {
        RefusedFor(Valid() with { EmployeeId = new string('9', 51) }, "employeeId");
    }

    [Fact]
    public void Check_EmployeeId_IsTrimmed()
    {
        Assert.Equal("E1001", Accepted(Valid() with { EmployeeId = "  E1001 " }).Profile.EmployeeId);
    }

    [Fact]
    public void Check_EmployeeIdOfFiftyCharactersAfterTrimming_IsAccepted()
    {
        Assert.Equal(new string('9', 50), Accepted(Valid() with { EmployeeId = " " + new string('9', 50) + " " }).Profile.EmployeeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Check_EmptyEmployeeId_IsStoredAsNull(string? value)
    {
        Assert.Null(Accepted(Valid() with { EmployeeId = value }).Profile.EmployeeId);
    }

    // ---- email ----

    [Fact]
    public void Check_InvalidEmail_IsRefused()
    {
        RefusedFor(Valid() with { Email = "John <john@example.com>" }, "email");
    }

    [Fact]
    public void Check_Email_IsTrimmed()
    {
        Assert.Equal("john@example.com", Accepted(Valid() with { Email = " john@example.com " }).Profile.Email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Check_EmptyEmail_IsStoredAsNull(string? value)
    {
        Assert.Null(Accepted(Valid() with { Email = value }).Profile.Email);
    }

    // ---- phone ----

    [Theory]
    [InlineData("us", "US")]
    [InlineData("Ca", "CA")]
    [InlineData(" ca ", "CA")]
    public void Check_PhoneCountry_IsStoredInUpperCase(string given, string stored)
    {
        Assert.Equal(stored, Accepted(Valid() with { CellPhoneCountry = given }).Profile.CellPhoneCountry);
    }

    [Fact]
    public void Check_UnknownPhoneCountry_IsRefused()
    {
        RefusedFor(Valid() with { CellPhoneCountry = "MX" }, "cellPhoneCountry");
    }

    [Fact]
    public void Check_InvalidPhoneNumber_IsRefused()
    {
        RefusedFor(Valid() with { CellPhoneNumber = "555-CALL-NOW" }, "cellPhoneNumber");
    }

    [Fact]
    public void Check_PhoneNumber_IsTrimmed()
    {
        Assert.Equal("(555) 123-4567", Accepted(Valid() with { CellPhoneNumber = " (555) 123-4567 " }).Profile.CellPhoneNumber);
    }

    [Fact]
    public void Check_PhoneNumberWithoutCountry_IsRefusedNamingTheCountry()
    {
        var problem = RefusedFor(Valid() with { CellPhoneCountry = null }, "cellPhoneCountry");

        Assert.Contains("cellPhoneNumber", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PhoneNumberWithEmptyCountry_IsRefusedNamingTheCountry()
    {
        RefusedFor(Valid() with { CellPhoneCountry = "" }, "cellPhoneCountry");
    }

    [Fact]
    public void Check_PhoneCountryWithoutNumber_IsRefusedNamingTheNumber()
    {
        var problem = RefusedFor(Valid() with { CellPhoneNumber = null }, "cellPhoneNumber");

        Assert.Contains("cellPhoneCountry", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_PhoneCountryWithBlankNumber_IsRefusedNamingTheNumber()
    {
        RefusedFor(Valid() with { CellPhoneNumber = "   " }, "cellPhoneNumber");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData(" ", null)]
    public void Check_NeitherPhoneCountryNorNumber_IsAcceptedAsNulls(string? country, string? number)
    {
        var user = Accepted(Valid() with { CellPhoneCountry = country, CellPhoneNumber = number });

        Assert.Null(user.Profile.CellPhoneCountry);
        Assert.Null(user.Profile.CellPhoneNumber);
    }

    // ---- status ----

    [Theory]
    [InlineData("active", "Active")]
    [InlineData("INACTIVE", "Inactive")]
    [InlineData(" Inactive ", "Inactive")]
    public void Check_Status_IsStoredInCanonicalCase(string given, string stored)
    {
        Assert.Equal(stored, Accepted(Valid() with { Status = given }).Profile.Status);
    }

    [Fact]
    public void Check_UnknownStatus_IsRefused()
    {
        RefusedFor(Valid() with { Status = "Suspended" }, "status");
    }

    [Fact]
    public void Check_WithoutStatus_IsActive()
    {
        // Create does not accept status: new users are Active.
        Assert.Equal(UserStatus.Active, Accepted(Valid() with { Status = null }).Profile.Status);
    }

    // ---- video download flag ----

    [Theory]
    [InlineData(RoleCatalog.VideoReviewer)]
    [InlineData(RoleCatalog.VideoReviewerPlus)]
    public void Check_VideoDownloadWithReviewerRole_IsAccepted(int reviewerRole)
    {
        var draft = Valid() with
        {
            AllowVideoSearchDownload = true,
            GroupRoles = [new GroupRole(West, RoleCatalog.Driver), new GroupRole(Boston, reviewerRole)],
        };

        Assert.True(Accepted(draft).Profile.AllowVideoSearchDownload);
    }

    [Theory]
    [InlineData(RoleCatalog.Administrator)]
    [InlineData(RoleCatalog.GroupManager)]
    [InlineData(RoleCatalog.Coach)]
    [InlineData(RoleCatalog.Driver)]
    public void Check_VideoDownloadWithoutReviewerRole_IsRefused(int roleId)
    {
        var draft = Valid() with { AllowVideoSearchDownload = true, GroupRoles = [new GroupRole(West, roleId)] };

        RefusedFor(draft, "allowVideoSearchDownload");
    }

    [Fact]
    public void Check_NoVideoDownloadWithoutReviewerRole_IsAccepted()
    {
        Assert.False(Accepted(Valid() with { AllowVideoSearchDownload = false }).Profile.AllowVideoSearchDownload);
    }

    // ---- primary group ----

    [Fact]
    public void Check_PrimaryGroupAmongGroupRoles_IsAccepted()
    {
        var draft = Valid() with
        {
            GroupRoles = [new GroupRole(West, RoleCatalog.Driver), new GroupRole(Boston, RoleCatalog.Coach)],
            PrimaryGroupId = Boston,
        };

        Assert.Equal(Boston, Accepted(draft).Profile.PrimaryGroupId);
    }

    [Fact]
    public void Check_PrimaryGroupNotAmongGroupRoles_IsRefused()
    {
        RefusedFor(Valid() with { PrimaryGroupId = East }, "primaryGroupId");
    }

    [Fact]
    public void Check_PrimaryGroupBelowARoleGroupButNotAmongThem_IsRefused()
    {
        // The role in West reaches Seattle, but Seattle is not one of the groups in groupRoles.
        RefusedFor(Valid() with { PrimaryGroupId = Seattle }, "primaryGroupId");
    }

    [Fact]
    public void Check_WithoutPrimaryGroup_IsAccepted()
    {
        Assert.Null(Accepted(Valid() with { PrimaryGroupId = null }).Profile.PrimaryGroupId);
    }

    // ---- group roles ----

    [Fact]
    public void Check_NoGroupRoles_IsRefused()
    {
        RefusedFor(Valid() with { GroupRoles = [], PrimaryGroupId = null }, "groupRoles");
    }

    [Fact]
    public void Check_GroupRoleInUnknownGroup_IsRefusedNamingItsIndex()
    {
        var draft = Valid() with { GroupRoles = [new GroupRole(West, RoleCatalog.Driver), new GroupRole(Unknown, RoleCatalog.Driver)] };

        var problem = RefusedFor(draft, "groupRoles[1].groupId");

        Assert.Contains(Unknown.ToString(), problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(-1)]
    public void Check_RoleOutsideTheCatalogue_IsRefusedNamingItsIndex(int roleId)
    {
        var draft = Valid() with { GroupRoles = [new GroupRole(West, roleId)] };

        RefusedFor(draft, "groupRoles[0].roleId");
    }

    [Fact]
    public void Check_DuplicateGroupRole_IsRefusedNamingBothIndexes()
    {
        var draft = Valid() with
        {
            GroupRoles = [new GroupRole(West, RoleCatalog.Driver), new GroupRole(East, RoleCatalog.Coach), new GroupRole(West, RoleCatalog.Driver)],
        };

        var problem = RefusedFor(draft, "groupRoles[2]");

        Assert.Contains("groupRoles[0]", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SameGroupWithDifferentRoles_IsAccepted()
    {
        var roles = new[] { new GroupRole(West, RoleCatalog.Driver), new GroupRole(West, RoleCatalog.VideoReviewer) };

        Assert.Equal(roles, Accepted(Valid() with { GroupRoles = roles }).Profile.GroupRoles);
    }

    [Fact]
    public void Check_SameRoleInDifferentGroups_IsAccepted()
    {
        var roles = new[] { new GroupRole(West, RoleCatalog.Driver), new GroupRole(Seattle, RoleCatalog.Driver) };

        Assert.Equal(roles, Accepted(Valid() with { GroupRoles = roles }).Profile.GroupRoles);
    }

    [Fact]
    public void Check_SeveralGroupRoleProblems_AreAllReported()
    {
        var draft = Valid() with
        {
            GroupRoles = [new GroupRole(Unknown, 42), new GroupRole(West, RoleCatalog.Driver), new GroupRole(West, RoleCatalog.Driver)],
        };

        var (_, problems) = Check(draft);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("groupRoles[0].groupId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("groupRoles[0].roleId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("groupRoles[2]", StringComparison.Ordinal));
    }

    [Fact]
    public void CheckGroupRoles_AddsToTheGivenProblems()
    {
        var problems = new List<string> { "earlier problem" };

        UserRules.CheckGroupRoles([new GroupRole(Unknown, RoleCatalog.Driver)], Build(), problems);

        Assert.Equal(2, problems.Count);
        Assert.Equal("earlier problem", problems[0]);
        Assert.StartsWith("groupRoles[0].groupId", problems[1], StringComparison.Ordinal);
    }

    // ---- login and password ----

    [Fact]
    public void Check_LoginEnabledWithoutAnyPassword_IsRefused()
    {
        RefusedFor(Valid() with { LoginEnabled = true, Password = null }, "loginEnabled", hasStoredPassword: false);
    }

    [Fact]
    public void Check_LoginEnabledWithStoredPassword_IsAccepted()
    {
        Assert.True(Accepted(Valid() with { LoginEnabled = true, Password = null }, hasStoredPassword: true).Profile.LoginEnabled);
    }

    [Fact]
    public void Check_LoginEnabledWithNewPassword_IsAcceptedAndCarriesThePassword()
    {
        var user = Accepted(Valid() with { LoginEnabled = true, Password = "N3w-Passw0rd" }, hasStoredPassword: false);

        Assert.True(user.Profile.LoginEnabled);
        Assert.Equal("N3w-Passw0rd", user.NewPassword);
    }

    [Fact]
    public void Check_LoginDisabledWithoutPassword_IsAccepted()
    {
        Assert.False(Accepted(Valid() with { LoginEnabled = false }, hasStoredPassword: false).Profile.LoginEnabled);
    }

    [Fact]
    public void Check_WeakPassword_IsRefused()
    {
        RefusedFor(Valid() with { Password = "password" }, "password");
    }

    [Fact]
    public void Check_PasswordEqualToUsername_IsRefused()
    {
        var problem = RefusedFor(Valid() with { Username = "J.Smith-2024", Password = "j.smith-2024" }, "password");

        Assert.Contains("username", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_EmptyPassword_IsRefusedRatherThanIgnored()
    {
        var (user, problems) = Check(Valid() with { Password = "" });

        Assert.Null(user);
        Assert.All(problems, p => Assert.StartsWith("password", p, StringComparison.Ordinal));
    }

    // ---- what the reader found ----

    [Fact]
    public void Check_ReadProblems_AreCarriedThroughFirst()
    {
        var draft = Valid() with { FirstName = null, ReadProblems = ["firstName is required"], UnreadableFields = new HashSet<string> { "firstName" } };

        var (user, problems) = Check(draft);

        Assert.Null(user);
        Assert.Equal(["firstName is required"], problems);
    }

    [Fact]
    public void Check_ReadProblems_AreReportedTogetherWithRuleProblems()
    {
        var draft = Valid() with
        {
            FirstName = null,
            Email = "nope",
            ReadProblems = ["firstName is required", "nickname is not a known property"],
            UnreadableFields = new HashSet<string> { "firstName" },
        };

        var (user, problems) = Check(draft);

        Assert.Null(user);
        Assert.Equal(3, problems.Count);
        Assert.Equal("firstName is required", problems[0]);
        Assert.Equal("nickname is not a known property", problems[1]);
        Assert.StartsWith("email", problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnreadablePhoneCountry_SuppressesThePairingMessage()
    {
        var draft = Valid() with
        {
            CellPhoneCountry = null,
            ReadProblems = ["cellPhoneCountry must be a string or null"],
            UnreadableFields = new HashSet<string> { "cellPhoneCountry" },
        };

        var (_, problems) = Check(draft);

        Assert.Equal(["cellPhoneCountry must be a string or null"], problems);
    }

    [Fact]
    public void Check_UnreadablePhoneNumber_SuppressesThePairingMessage()
    {
        var draft = Valid() with
        {
            CellPhoneNumber = null,
            ReadProblems = ["cellPhoneNumber is required"],
            UnreadableFields = new HashSet<string> { "cellPhoneNumber" },
        };

        var (_, problems) = Check(draft);

        Assert.Equal(["cellPhoneNumber is required"], problems);
    }

    [Fact]
    public void Check_UnreadablePhoneField_StillChecksTheOtherOne()
    {
        var draft = Valid() with
        {
            CellPhoneCountry = "MX",
            CellPhoneNumber = null,
            ReadProblems = ["cellPhoneNumber must be a string or null"],
            UnreadableFields = new HashSet<string> { "cellPhoneNumber" },
        };

        var (_, problems) = Check(draft);

        Assert.Equal(2, problems.Count);
        Assert.Equal("cellPhoneCountry must be US or CA", problems[1]);
    }

    [Fact]
    public void Check_UnreadableOtherField_KeepsThePairingMessage()
    {
        var draft = Valid() with
        {
            CellPhoneCountry = null,
            Email = null,
            ReadProblems = ["email must be a string or null"],
            UnreadableFields = new HashSet<string> { "email" },
        };

        var (_, problems) = Check(draft);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("cellPhoneCountry", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnreadableGroupRoles_SkipsTheRulesThatNeedThem()
    {
        var draft = Valid() with
        {
            GroupRoles = null,
            PrimaryGroupId = Boston,
            AllowVideoSearchDownload = true,
            ReadProblems = ["groupRoles must be an array"],
            UnreadableFields = new HashSet<string> { "groupRoles" },
        };

        var (_, problems) = Check(draft);

        Assert.Equal(["groupRoles must be an array"], problems);
    }
}
