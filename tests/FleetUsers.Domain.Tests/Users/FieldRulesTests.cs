using FleetUsers.Domain.Users;

namespace FleetUsers.Domain.Tests.Users;

public sealed class FieldRulesTests
{
    // ---- names ----

    [Theory]
    [InlineData("John")]
    [InlineData("Mary Ann")]
    [InlineData("O'Brien-Smith")]
    [InlineData("José")]
    [InlineData("  John  ")]
    public void Name_Ordinary_IsAccepted(string value)
    {
        Assert.Null(FieldRules.Name("firstName", value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   \t  ")]
    public void Name_EmptyOrWhitespace_IsRejectedNamingTheField(string value)
    {
        var problem = FieldRules.Name("lastName", value);

        Assert.NotNull(problem);
        Assert.StartsWith("lastName ", problem, StringComparison.Ordinal);
        Assert.Contains("empty", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_OfExactlyMaxLength_IsAccepted()
    {
        Assert.Null(FieldRules.Name("firstName", new string('a', 100)));
    }

    [Fact]
    public void Name_LongerThanMax_IsRejectedNamingTheField()
    {
        var problem = FieldRules.Name("firstName", new string('a', 101));

        Assert.NotNull(problem);
        Assert.StartsWith("firstName ", problem, StringComparison.Ordinal);
        Assert.Contains("100", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_OfMaxLengthOnceTrimmed_IsAccepted()
    {
        Assert.Null(FieldRules.Name("firstName", "  " + new string('a', 100) + "  "));
    }

    [Theory]
    [InlineData("Jo\u0000hn")]
    [InlineData("Jo\nhn")]
    [InlineData("Jo\thn")]
    [InlineData("Jo\u007Fhn")]
    [InlineData("Jo\u0085hn")]
    public void Name_WithControlCharacter_IsRejectedNamingTheField(string value)
    {
        var problem = FieldRules.Name("firstName", value);

        Assert.NotNull(problem);
        Assert.StartsWith("firstName ", problem, StringComparison.Ordinal);
        Assert.Contains("control", problem, StringComparison.Ordinal);
    }

    // ---- username ----

    [Theory]
    [InlineData("j.smith")]
    [InlineData("J_Smith-01")]
    [InlineData("john@example.com")]
    [InlineData("a")]
    [InlineData("0123456789")]
    public void Username_OfAllowedCharacters_IsAccepted(string value)
    {
        Assert.Null(FieldRules.Username(value));
    }

    [Theory]
    [InlineData("john smith")]
    [InlineData("john+smith")]
    [InlineData("josé")]
    [InlineData("john/smith")]
    [InlineData("john\\smith")]
    [InlineData("john!")]
    [InlineData("ｊｏｈｎ")]
    [InlineData("john\u0661")]
    [InlineData("john\t")]
    public void Username_WithDisallowedCharacter_IsRejectedNamingTheField(string value)
    {
        var problem = FieldRules.Username(value);

        Assert.NotNull(problem);
        Assert.StartsWith("username ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Username_OfExactlyFiftyCharacters_IsAccepted()
    {
        Assert.Null(FieldRules.Username(new string('u', 50)));
    }

    [Fact]
    public void Username_LongerThanFifty_IsRejected()
    {
        var problem = FieldRules.Username(new string('u', 51));

        Assert.NotNull(problem);
        Assert.StartsWith("username ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('a', true)]
    [InlineData('Z', true)]
    [InlineData('7', true)]
    [InlineData('.', true)]
    [InlineData('_', true)]
    [InlineData('-', true)]
    [InlineData('@', true)]
    [InlineData(' ', false)]
    [InlineData('+', false)]
    [InlineData('é', false)]
    [InlineData('ß', false)]
    public void IsUsernameCharacter_AllowsAsciiLettersDigitsAndFourSymbols(char c, bool expected)
    {
        Assert.Equal(expected, FieldRules.IsUsernameCharacter(c));
    }

    // ---- employee id ----

    [Theory]
    [InlineData("E-1001")]
    [InlineData("j.smith")]
    [InlineData("emp 42")]
    public void EmployeeId_Ordinary_IsAccepted(string value)
    {
        Assert.Null(FieldRules.EmployeeId(value));
    }

    [Fact]
    public void EmployeeId_OfExactlyFiftyCharacters_IsAccepted()
    {
        Assert.Null(FieldRules.EmployeeId(new string('9', 50)));
    }

    [Fact]
    public void EmployeeId_LongerThanFifty_IsRejectedNamingTheField()
    {
        var problem = FieldRules.EmployeeId(new string('9', 51));

        Assert.NotNull(problem);
        Assert.StartsWith("employeeId ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EmployeeId_WithControlCharacter_IsRejectedNamingTheField()
    {
        var problem = FieldRules.EmployeeId("E\u00001001");

        Assert.NotNull(problem);
        Assert.StartsWith("employeeId ", problem, StringComparison.Ordinal);
    }

    // ---- email ----

    [Theory]
    [InlineData("email@email.com")]
    [InlineData("john.smith+fleet@example.co.uk")]
    [InlineData("a_b-c@sub.example.org")]
    public void Email_Valid_IsAccepted(string value)
    {
        Assert.Null(FieldRules.Email(value));
    }

    [Theory]
    [InlineData("John Smith <john@example.com>")]
    [InlineData("\"John\" <john@example.com>")]
    [InlineData("<john@example.com>")]
    public void Email_InDisplayNameForm_IsRejected(string value)
    {
        var problem = FieldRules.Email(value);

        Assert.NotNull(problem);
        Assert.StartsWith("email ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("john@localhost")]
    [InlineData("john@example")]
    public void Email_WithoutDotInHost_IsRejected(string value)
    {
        Assert.NotNull(FieldRules.Email(value));
    }

    [Theory]
    [InlineData("john@.example.com")]
    [InlineData("john@example.com.")]
    public void Email_WithHostStartingOrEndingInDot_IsRejected(string value)
    {
        Assert.NotNull(FieldRules.Email(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("john")]
    [InlineData("john@")]
    [InlineData("@example.com")]
    [InlineData("john smith@example.com")]
    [InlineData("john@exa mple.com")]
    [InlineData("john@@example.com")]
    [InlineData("john@example.com (work)")]
    public void Email_Malformed_IsRejected(string value)
    {
        var problem = FieldRules.Email(value);

        Assert.NotNull(problem);
        Assert.StartsWith("email ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Email_OfExactly254Characters_IsAccepted()
    {
        // 64-character local part (the most SMTP allows) and a 189-character host of dotted labels.
        var local = new string('a', 64);
        var host = string.Join('.', Enumerable.Repeat(new string('b', 61), 3)) + ".com";
        var value = $"{local}@{host}";
        Assert.Equal(254, value.Length);

        Assert.Null(FieldRules.Email(value));
    }

    [Fact]
    public void Email_LongerThan254_IsRejectedNamingTheLimit()
    {
        var local = new string('a', 64);
        var host = string.Join('.', Enumerable.Repeat(new string('b', 61), 3)) + ".coms";
        var value = $"{local}@{host}";
        Assert.Equal(255, value.Length);

        var problem = FieldRules.Email(value);

        Assert.NotNull(problem);
        Assert.StartsWith("email ", problem, StringComparison.Ordinal);
        Assert.Contains("254", problem, StringComparison.Ordinal);
    }

    // ---- phone ----

    [Theory]
    [InlineData("US")]
    [InlineData("CA")]
    [InlineData("us")]
    [InlineData("ca")]
    [InlineData("Us")]
    [InlineData("cA")]
    public void IsPhoneCountry_UsOrCaInAnyCase_IsTrue(string value)
    {
        Assert.True(FieldRules.IsPhoneCountry(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("MX")]
    [InlineData("USA")]
    [InlineData("U")]
    [InlineData(" US")]
    [InlineData("GB")]
    public void IsPhoneCountry_OtherValues_IsFalse(string value)
    {
        Assert.False(FieldRules.IsPhoneCountry(value));
    }

    [Fact]
    public void PhoneNumber_OfTheSeed_IsAccepted()
    {
        Assert.Null(FieldRules.PhoneNumber("+1234567890"));
    }

    [Theory]
    [InlineData("1234567")]
    [InlineData("123456789012345")]
    [InlineData("+123456789012345")]
    [InlineData("(555) 123-4567")]
    [InlineData("+1 (555) 123-4567")]
    [InlineData("555.123.4567")]
    [InlineData("555 123 4567")]
    [InlineData("+1-555-123-4567")]
    public void PhoneNumber_WithSevenToFifteenDigitsAndAllowedSeparators_IsAccepted(string value)
    {
        Assert.Null(FieldRules.PhoneNumber(value));
    }

    [Theory]
    [InlineData("123456")]
    [InlineData("+123456")]
    [InlineData("(12) 34-56")]
    [InlineData("1234567890123456")]
    [InlineData("+1 234 567 890 123 456")]
    public void PhoneNumber_WithTooFewOrTooManyDigits_IsRejectedNamingTheField(string value)
    {
        var problem = FieldRules.PhoneNumber(value);

        Assert.NotNull(problem);
        Assert.StartsWith("cellPhoneNumber ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("555-CALL-NOW")]
    [InlineData("1234567x89")]
    [InlineData("ext 1234567")]
    [InlineData("12345678e")]
    public void PhoneNumber_WithLetters_IsRejected(string value)
    {
        Assert.NotNull(FieldRules.PhoneNumber(value));
    }

    [Theory]
    [InlineData("1234567+")]
    [InlineData("12+34567890")]
    [InlineData("++1234567890")]
    [InlineData("1234567/890")]
    [InlineData("1234567_890")]
    [InlineData("#1234567890")]
    [InlineData("\u0661\u0662\u0663\u0664\u0665\u0666\u0667")]
    public void PhoneNumber_WithPlusNotLeadingOrOtherCharacters_IsRejected(string value)
    {
        Assert.NotNull(FieldRules.PhoneNumber(value));
    }

    [Fact]
    public void PhoneNumber_OnlySeparators_IsRejected()
    {
        Assert.NotNull(FieldRules.PhoneNumber("+ ( ) - ."));
    }

    // ---- control characters ----

    [Theory]
    [InlineData("plain", false)]
    [InlineData("tab\there", true)]
    [InlineData("bell\u0007", true)]
    [InlineData("José", false)]
    public void HasControlCharacters_DetectsControlCharacters(string value, bool expected)
    {
        Assert.Equal(expected, FieldRules.HasControlCharacters(value));
    }
}
