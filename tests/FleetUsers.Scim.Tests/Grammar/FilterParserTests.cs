using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;

namespace FleetUsers.Scim.Tests.Grammar;

public sealed class FilterParserTests
{
    // Every filter example of RFC 7644 §3.4.2.2, and how it is grouped.
    [Theory]
    [InlineData("userName eq \"bjensen\"", "userName eq \"bjensen\"")]
    [InlineData("name.familyName co \"O'Malley\"", "name.familyName co \"O'Malley\"")]
    [InlineData("userName sw \"J\"", "userName sw \"J\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"", "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"")]
    [InlineData("title pr", "title pr")]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", "meta.lastModified gt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified ge \"2011-05-13T04:42:34Z\"", "meta.lastModified ge \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified lt \"2011-05-13T04:42:34Z\"", "meta.lastModified lt \"2011-05-13T04:42:34Z\"")]
    [InlineData("meta.lastModified le \"2011-05-13T04:42:34Z\"", "meta.lastModified le \"2011-05-13T04:42:34Z\"")]
    [InlineData("title pr and userType eq \"Employee\"", "(title pr and userType eq \"Employee\")")]
    [InlineData("title pr or userType eq \"Intern\"", "(title pr or userType eq \"Intern\")")]
    [InlineData("schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"", "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"")]
    [InlineData("userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\")",
        "(userType eq \"Employee\" and (emails co \"example.com\" or emails.value co \"example.org\"))")]
    [InlineData("userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co \"example.org\")",
        "(userType ne \"Employee\" and not ((emails co \"example.com\" or emails.value co \"example.org\")))")]
    [InlineData("userType eq \"Employee\" and (emails.type eq \"work\")", "(userType eq \"Employee\" and emails.type eq \"work\")")]
    [InlineData("userType eq \"Employee\" and emails[type eq \"work\" and value co \"@example.com\"]",
        "(userType eq \"Employee\" and emails[(type eq \"work\" and value co \"@example.com\")])")]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "(emails[(type eq \"work\" and value co \"@example.com\")] or ims[(type eq \"xmpp\" and value co \"@foo.com\")])")]
    public void ParseFilter_TheRfcExamples_ParseAndGroupAsTheRfcSays(string filter, string grouped) =>
        Assert.Equal(grouped, ScimParser.ParseFilter(filter).ToString());

    [Theory]
    [InlineData("a pr or b pr and c pr", "(a pr or (b pr and c pr))")]
    [InlineData("a pr and b pr or c pr", "((a pr and b pr) or c pr)")]
    [InlineData("a pr or b pr or c pr", "((a pr or b pr) or c pr)")]
    [InlineData("a pr and b pr and c pr", "((a pr and b pr) and c pr)")]
    [InlineData("(a pr or b pr) and c pr", "((a pr or b pr) and c pr)")]
    [InlineData("not (a pr) and b pr", "(not (a pr) and b pr)")]
    [InlineData("not (a pr or b pr) or c pr and not (d pr)", "(not ((a pr or b pr)) or (c pr and not (d pr)))")]
    [InlineData("a[b pr or c pr and d pr]", "a[(b pr or (c pr and d pr))]")]
    public void ParseFilter_AndBindsTighterThanOr_AndBothGroupFromTheLeft(string filter, string grouped) =>
        Assert.Equal(grouped, ScimParser.ParseFilter(filter).ToString());

    [Fact]
    public void ParseFilter_Keywords_IgnoreLetterCase() =>
        Assert.Equal(ScimParser.ParseFilter("userName eq \"x\" and not (title pr) or active eq true"),
            ScimParser.ParseFilter("userName EQ \"x\" AND Not (title PR) Or active Eq TRUE"));

    [Fact]
    public void ParseFilter_AttributeNamesThatBeginLikeKeywords_AreNames() =>
        Assert.Equal("(order pr or notes pr)", ScimParser.ParseFilter("order pr or notes pr").ToString());

    [Fact]
    public void ParseFilter_ASchemaUrnPrefix_IsKeptApartFromTheAttributeAndItsSubAttribute()
    {
        var filter = Assert.IsType<CompareFilter>(
            ScimParser.ParseFilter("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915-6090-4610-87e4-49d8ca9f808d\""));

        Assert.Equal(new AttributePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "value"), filter.Path);
        Assert.Equal(CompareOperator.Eq, filter.Operator);
    }

    [Fact]
    public void ParseFilter_AValueFilter_HoldsItsSubAttributeFilter()
    {
        var filter = Assert.IsType<ValuePathFilter>(ScimParser.ParseFilter("emails[type eq \"work\" and value co \"@example.com\"]"));

        Assert.Equal(new AttributePath(null, "emails"), filter.Path);
        Assert.Equal(new AndFilter(
                new CompareFilter(new AttributePath(null, "type"), CompareOperator.Eq, new ComparisonValue.String("work")),
                new CompareFilter(new AttributePath(null, "value"), CompareOperator.Co, new ComparisonValue.String("@example.com"))),
            filter.Filter);
    }

    [Fact]
    public void ParseFilter_AValuePathFollowedByASubAttribute_AsEntraSendsIt_MeansOneValueMatchingBoth() =>
        Assert.Equal(ScimParser.ParseFilter("emails[type eq \"work\" and value eq \"a@example.com\"]"),
            ScimParser.ParseFilter("emails[type eq \"work\"].value eq \"a@example.com\""));

    [Theory]
    [InlineData("a eq \"plain\"", "plain")]
    [InlineData("a eq \"O'Malley \\\"Jr\\\" \\\\ \\/\"", "O'Malley \"Jr\" \\ /")]
    [InlineData("a eq \"tab\\tline\\nfeed\\b\\f\\r\"", "tab\tline\nfeed\b\f\r")]
    [InlineData("a eq \"\\u00e9t\\u00E9 \\ud83d\\ude9a\"", "été 🚚")]
    [InlineData("a eq \"\"", "")]
    public void ParseFilter_Strings_AreJsonStringsWithTheirEscapes(string filter, string value) =>
        Assert.Equal(new ComparisonValue.String(value), Assert.IsType<CompareFilter>(ScimParser.ParseFilter(filter)).Value);

    [Theory]
    [InlineData("a eq 0", "0")]
    [InlineData("a eq -12", "-12")]
    [InlineData("a ge 3.25", "3.25")]
    [InlineData("a lt 1.5e3", "1500")]
    [InlineData("a lt 25E-2", "0.25")]
    public void ParseFilter_Numbers_AreJsonNumbers(string filter, string value) =>
        Assert.Equal(value, Assert.IsType<CompareFilter>(ScimParser.ParseFilter(filter)).Value.ToString());

    [Theory]
    [InlineData("active eq true", "true")]
    [InlineData("active eq False", "false")]
    [InlineData("manager eq null", "null")]
    public void ParseFilter_TrueFalseAndNull_AreLiterals(string filter, string value) =>
        Assert.Equal(value, Assert.IsType<CompareFilter>(ScimParser.ParseFilter(filter)).Value.ToString());

    [Fact]
    public void ParseFilter_SpacesAroundParenthesesAndBrackets_AreAllowed() =>
        Assert.Equal("(a pr and emails[type eq \"work\"])", ScimParser.ParseFilter("  ( a pr )  and emails[ type eq \"work\" ] ").ToString());

    // Malformed filters: invalidFilter, naming the (1-based) position and what could have come there.
    [Theory]
    [InlineData("userName eq", 12, "expected a space and a value")]
    [InlineData("userName eq \"bjensen", 21, "expected closing quotation mark")]
    [InlineData("userName eq bjensen", 13, "expected value")]
    [InlineData("userName equals \"x\"", 10, "expected an operator")]
    [InlineData("userName", 9, "a space and an operator")]
    [InlineData("(title pr", 10, "expected `)`")]
    [InlineData("title pr)", 9, "expected `and`, `or` or the end")]
    [InlineData("title pr and", 13, "expected a space and a filter after `and`")]
    [InlineData("title pr or ", 13, "expected `not`, `(` or attribute name")]
    [InlineData("title pr andd userType pr", 10, "expected `and`, `or` or the end")]
    [InlineData("emails[type eq \"work\"", 22, "expected `]`")]
    [InlineData("emails[type eq]", 15, "expected a space and a value")]
    [InlineData("emails[addresses[type eq \"work\"]]", 17, "expected a space and an operator")]
    [InlineData("not title pr", 5, "expected `(`")]
    [InlineData("a eq 01", 7, "expected `and`, `or` or the end")]
    [InlineData("a eq 1.", 8, "expected digit")]
    [InlineData("a eq \"bad \\x escape\"", 12, "expected escape sequence")]
    [InlineData("9lives pr", 1, "expected `not`, `(` or attribute name")]
    [InlineData("name. pr", 6, "expected attribute name")]
    public void ParseFilter_Malformed_IsInvalidFilterNamingThePosition(string filter, int position, string expected)
    {
        var error = Assert.Throws<ScimException>(() => ScimParser.ParseFilter(filter));

        Assert.Equal((400, ScimErrorType.InvalidFilter), (error.Status, error.ScimType));
        Assert.Contains($"at position {position}:", error.Detail);
        Assert.Contains(expected, error.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void ParseFilter_Empty_IsInvalidFilter(string filter) =>
        Assert.Equal(ScimErrorType.InvalidFilter, Assert.Throws<ScimException>(() => ScimParser.ParseFilter(filter)).ScimType);

    [Fact]
    public void ParseFilter_ANumberBeyondDecimal_IsInvalidFilter() =>
        Assert.Equal(ScimErrorType.InvalidFilter, Assert.Throws<ScimException>(() => ScimParser.ParseFilter("a gt 1e400")).ScimType);

    [Fact]
    public void ParseFilter_NestingUpToTheLimit_Parses()
    {
        var depth = ScimParser.MaxDepth;
        var filter = new string('(', depth - 1) + "emails[type eq \"((\"]" + new string(')', depth - 1);

        Assert.IsType<ValuePathFilter>(ScimParser.ParseFilter(filter));
    }

    [Fact]
    public void ParseFilter_DeeperNesting_IsInvalidFilter_NotAnExhaustedStack()
    {
        var filter = new string('(', 100_000) + "a pr" + new string(')', 100_000);

        var error = Assert.Throws<ScimException>(() => ScimParser.ParseFilter(filter[..ScimParser.MaxLength]));
        var deep = Assert.Throws<ScimException>(() => ScimParser.ParseFilter(new string('(', 40) + "a pr" + new string(')', 40)));

        Assert.Equal((ScimErrorType.InvalidFilter, "The filter nests parentheses and brackets deeper than 32."), (error.ScimType, error.Detail));
        Assert.Equal(error.Detail, deep.Detail);
        Assert.Equal("The filter is longer than 4096 characters.", Assert.Throws<ScimException>(() => ScimParser.ParseFilter(filter)).Detail);
    }

    [Fact]
    public void ParseFilter_ManyTermsWithinTheLength_Parse()
    {
        var filter = string.Join(" or ", Enumerable.Repeat("a pr", ScimParser.MaxLength / 8));

        Assert.IsType<OrFilter>(ScimParser.ParseFilter(filter));
    }
}
