using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Tests.Users;

public sealed class UsernameGeneratorTests
{
    private static readonly Guid UserId = new("4af860ae-2e53-4d8b-a48e-606b862effed");
    private static readonly Guid OtherUserId = new("0b4c7d2e-5f61-4a8b-9c0d-1e2f3a4b5c6d");

    private static string First(string firstName, string lastName, string? employeeId, Guid? userId = null) =>
        UsernameGenerator.Candidates(firstName, lastName, employeeId, userId ?? UserId).First();

    private static string Second(string firstName, string lastName, string? employeeId, Guid? userId = null) =>
        UsernameGenerator.Candidates(firstName, lastName, employeeId, userId ?? UserId).ElementAt(1);

    [Fact]
    public void Candidates_WithEmployeeId_StartWithFirstnameLastnameEmployeeId()
    {
        Assert.Equal("JohnSmithE1001", First("John", "Smith", "E1001"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Candidates_WithoutEmployeeId_StartWithFirstnameLastname(string? employeeId)
    {
        Assert.Equal("JohnSmith", First("John", "Smith", employeeId));
    }

    [Fact]
    public void Candidates_KeepTheLetterCaseOfTheNames()
    {
        Assert.Equal("johnSMITH", First("john", "SMITH", null));
    }

    [Fact]
    public void Candidates_RemoveSpacesFromNamesAndEmployeeId()
    {
        Assert.Equal("MaryAnnVanDerBergE10", First("Mary Ann", " Van Der Berg ", "E 10"));
    }

    [Fact]
    public void Candidates_RemoveCharactersOutsideTheUsernameAlphabet()
    {
        Assert.Equal("OBrienSmith42", First("O'Brien", "Smith!", "#42"));
    }

    [Fact]
    public void Candidates_KeepTheAllowedPunctuation()
    {
        Assert.Equal("Jean-Lucd.Arc_1@x", First("Jean-Luc", "d.Arc", "_1@x"));
    }

    [Fact]
    public void Candidates_StripAccents()
    {
        Assert.Equal("JoseMunoz", First("José", "Muñoz", null));
    }

    [Theory]
    [InlineData("José", "Jose")]
    [InlineData("Zoë", "Zoe")]
    [InlineData("Çelik", "Celik")]
    [InlineData("Ångström", "Angstrom")]
    [InlineData("Łukasz", "Lukasz")]
    [InlineData("Dvořák", "Dvorak")]
    [InlineData("Nguyễn Văn Lương", "NguyenVanLuong")]
    [InlineData("Søren", "Soren")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Jose\u0301", "Jose")]
    public void Clean_StripsAccentsFromLatinLetters(string value, string expected)
    {
        Assert.Equal(expected, UsernameGenerator.Clean(value));
    }

    [Theory]
    [InlineData("李", "")]
    [InlineData("Иван", "")]
    [InlineData("a b\tc", "abc")]
    [InlineData("x+y=z", "xyz")]
    public void Clean_DropsWhatCannotBeSpelledInTheUsernameAlphabet(string value, string expected)
    {
        Assert.Equal(expected, UsernameGenerator.Clean(value));
    }

    [Fact]
    public void Candidates_AreCappedAtFiftyCharacters()
    {
        var first = new string('F', 30);
        var last = new string('L', 30);

        var candidate = First(first, last, "E1001");

        Assert.Equal(50, candidate.Length);
        Assert.Equal(first + new string('L', 20), candidate);
    }

    [Fact]
    public void Candidates_WithEmptyNames_FallBackToUser()
    {
        Assert.Equal("user", First("", "", null));
    }

    [Fact]
    public void Candidates_WithNamesOfOnlyDisallowedCharacters_FallBackToUser()
    {
        Assert.Equal("user", First("李", "!!!", null));
    }

    [Fact]
    public void Candidates_WithEmptyNamesButEmployeeId_UseTheEmployeeId()
    {
        Assert.Equal("E1001", First("", "", "E1001"));
    }

    [Fact]
    public void Candidates_SecondIsTheStemFollowedByTheHashOfTheEmployeeId()
    {
        Assert.Equal("JohnSmithE1001" + UsernameGenerator.EightDigitHash("E1001"), Second("John", "Smith", "E1001"));
    }

    [Fact]
    public void Candidates_SecondFollowsTheStemWithEightDigits()
    {
        var second = Second("John", "Smith", "E1001");

        Assert.Matches("^JohnSmithE1001[0-9]{8}$", second);
    }

    [Fact]
    public void Candidates_WithEmployeeId_SecondDependsOnTheEmployeeIdNotTheUserId()
    {
        Assert.Equal(Second("John", "Smith", "E1001", UserId), Second("John", "Smith", "E1001", OtherUserId));
    }

    [Fact]
    public void Candidates_WithEmployeeId_SecondDiffersForAnotherEmployeeId()
    {
        var one = Second("John", "Smith", "E1001")[^8..];
        var other = Second("John", "Smith", "E1002")[^8..];

        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Candidates_SecondIgnoresTheLetterCaseOfTheEmployeeId()
    {
        // Employee ids are unique case-insensitively, so e1001 and E1001 are the same id.
        Assert.Equal(Second("John", "Smith", "E1001")[^8..], Second("John", "Smith", "e1001")[^8..]);
    }

    [Fact]
    public void Candidates_WithoutEmployeeId_SecondIsDerivedFromTheUserId()
    {
        var second = Second("John", "Smith", null, UserId);

        Assert.Equal("JohnSmith" + UsernameGenerator.EightDigitHash(UserId.ToString("N")), second);
        Assert.NotEqual(second, Second("John", "Smith", null, OtherUserId));
    }

    [Fact]
    public void Candidates_WithoutEmployeeId_SecondIsStableForTheSameUser()
    {
        Assert.Equal(Second("John", "Smith", null, UserId), Second("John", "Smith", null, UserId));
        Assert.Equal(Second("John", "Smith", "", UserId), Second("John", "Smith", null, UserId));
    }

    [Fact]
    public void Candidates_WithLongNames_SecondKeepsFortyTwoCharactersOfStemAndFitsFifty()
    {
        var first = new string('F', 30);
        var last = new string('L', 30);

        var second = Second(first, last, "E1001");

        Assert.Equal(50, second.Length);
        Assert.Equal(first + new string('L', 12), second[..42]);
        Assert.Equal(UsernameGenerator.EightDigitHash("E1001"), second[42..]);
    }

    [Fact]
    public void Candidates_WithFallbackName_SecondIsUserFollowedByEightDigits()
    {
        Assert.Matches("^user[0-9]{8}$", Second("", "", null));
    }

    [Fact]
    public void Candidates_LaterOnesAreAllDifferent()
    {
        var candidates = UsernameGenerator.Candidates("John", "Smith", "E1001", UserId).Take(50).ToList();

        Assert.Equal(candidates.Count, candidates.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Candidates_LaterOnesKeepTheStem()
    {
        var later = UsernameGenerator.Candidates("John", "Smith", "E1001", UserId).Skip(1).Take(20);

        Assert.All(later, c => Assert.Matches("^JohnSmithE1001[0-9]{8}$", c));
    }

    [Fact]
    public void Candidates_AreAllValidUsernames()
    {
        var candidates = UsernameGenerator.Candidates("Zoë Ann", new string('x', 60), "E 1001/β", UserId).Take(10);

        Assert.All(candidates, c =>
        {
            Assert.InRange(c.Length, 1, 50);
            Assert.Null(FieldRules.Username(c));
        });
    }

    [Fact]
    public void Candidates_AreTheSameEachTimeForTheSameInput()
    {
        var once = UsernameGenerator.Candidates("John", "Smith", null, UserId).Take(5).ToList();
        var again = UsernameGenerator.Candidates("John", "Smith", null, UserId).Take(5).ToList();

        Assert.Equal(once, again);
    }

    [Theory]
    [InlineData("", "46656037")]
    [InlineData("a", "55641996")]
    [InlineData("foobar", "32436968")]
    public void EightDigitHash_IsFnv1a64ReducedToEightDecimalDigits(string input, string expected)
    {
        // FNV-1a 64 reference values: "" → cbf29ce484222325, "a" → af63dc4c8601ec8c, "foobar" → 85944171f73967e8.
        Assert.Equal(expected, UsernameGenerator.EightDigitHash(input));
    }

    [Fact]
    public void EightDigitHash_KeepsLeadingZeros()
    {
        Assert.Equal("05986768", UsernameGenerator.EightDigitHash("x12"));
    }

    [Fact]
    public void EightDigitHash_IsAlwaysEightDigits()
    {
        var inputs = Enumerable.Range(0, 500).Select(i => $"input-{i}").Append("").Append("José").Append(new string('z', 300));

        Assert.All(inputs, i => Assert.Matches("^[0-9]{8}$", UsernameGenerator.EightDigitHash(i)));
    }

    [Fact]
    public void EightDigitHash_IsStableAcrossCalls()
    {
        Assert.Equal(UsernameGenerator.EightDigitHash("E1001"), UsernameGenerator.EightDigitHash("E1001"));
        Assert.Equal("13855262", UsernameGenerator.EightDigitHash("E1001"));
    }

    [Fact]
    public void EightDigitHash_DiffersForDifferentInputs()
    {
        Assert.NotEqual(UsernameGenerator.EightDigitHash("E1001"), UsernameGenerator.EightDigitHash("E1002"));
    }
}
