using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Tests.Users;

public sealed class PasswordPolicyTests
{
    private static List<string> ProblemsOf(string password, string? username = null) =>
        PasswordPolicy.Problems(password, username).ToList();

    [Theory]
    [InlineData("Passw0rd")]
    [InlineData("correct-Horse-battery")]
    [InlineData("s3cret!pass")]
    [InlineData("S3CRET!PASS")]
    public void Problems_OfAcceptablePassword_AreNone(string password)
    {
        Assert.Empty(ProblemsOf(password, "j.smith"));
    }

    [Fact]
    public void Problems_OfSevenCharacters_NameTheLength()
    {
        var problem = Assert.Single(ProblemsOf("Pass0r!"));

        Assert.StartsWith("password ", problem, StringComparison.Ordinal);
        Assert.Contains("8 to 128", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_OfEightCharacters_AreNone()
    {
        Assert.Empty(ProblemsOf("Pass0rd!"));
    }

    [Fact]
    public void Problems_Of128Characters_AreNone()
    {
        Assert.Empty(ProblemsOf("Aa1" + new string('x', 125)));
    }

    [Fact]
    public void Problems_Of129Characters_NameTheLength()
    {
        var problem = Assert.Single(ProblemsOf("Aa1" + new string('x', 126)));

        Assert.Contains("8 to 128", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abcdefgh")]
    [InlineData("ABCDEFGH")]
    [InlineData("12345678")]
    [InlineData("!@#$%^&*")]
    [InlineData("abcd1234")]
    [InlineData("abcdEFGH")]
    [InlineData("ABCD!@#$")]
    [InlineData("1234!@#$")]
    public void Problems_WithFewerThanThreeClasses_NameTheClasses(string password)
    {
        var problem = Assert.Single(ProblemsOf(password));

        Assert.StartsWith("password ", problem, StringComparison.Ordinal);
        Assert.Contains("three", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abcdEF12")] // lower, upper, digit
    [InlineData("abcdEF!?")] // lower, upper, symbol
    [InlineData("abcd12!?")] // lower, digit, symbol
    [InlineData("ABCD12!?")] // upper, digit, symbol
    public void Problems_WithAnyThreeClasses_AreNone(string password)
    {
        Assert.Empty(ProblemsOf(password));
    }

    [Fact]
    public void Problems_SpaceCountsAsSymbol()
    {
        Assert.Empty(ProblemsOf("abcd 1234"));
    }

    [Fact]
    public void Problems_WhenEqualToUsername_NameTheUsername()
    {
        var problem = Assert.Single(ProblemsOf("J.Smith2024", "J.Smith2024"));

        Assert.StartsWith("password ", problem, StringComparison.Ordinal);
        Assert.Contains("username", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_WhenEqualToUsernameInAnotherCase_NameTheUsername()
    {
        var problem = Assert.Single(ProblemsOf("J.Smith2024", "j.smith2024"));

        Assert.Contains("username", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_WhenOnlyContainingTheUsername_AreNone()
    {
        Assert.Empty(ProblemsOf("J.Smith2024!", "j.smith2024"));
    }

    [Fact]
    public void Problems_WithoutUsername_DoNotCompare()
    {
        Assert.Empty(ProblemsOf("J.Smith2024", null));
    }

    [Fact]
    public void Problems_AreAllReportedAtOnce()
    {
        var problems = ProblemsOf("abc", "ABC");

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("8 to 128", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("three", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("username", StringComparison.Ordinal));
    }
}
