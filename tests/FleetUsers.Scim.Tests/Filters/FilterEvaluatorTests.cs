using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;

namespace FleetUsers.Scim.Tests.Filters;

public sealed class FilterEvaluatorTests
{
    private static bool Matches(string filter) =>
        FilterEvaluator.Matches(ScimParser.ParseFilter(filter), Samples.User(), ScimResourceTypes.User);

    [Theory]
    [InlineData("userName eq \"bjensen@example.com\"", true)]
    [InlineData("userName eq \"BJensen@Example.COM\"", true)]
    [InlineData("USERNAME Eq \"bjensen@example.com\"", true)]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"BJ\"", true)]
    [InlineData("userName ew \"@EXAMPLE.com\"", true)]
    [InlineData("userName co \"jensen@\"", true)]
    [InlineData("userName eq \"bjensen\"", false)]
    public void Matches_UserName_IgnoresLetterCase(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("externalId eq \"bjensen-ext\"", true)]
    [InlineData("externalId eq \"BJENSEN-EXT\"", false)]
    [InlineData("id eq \"2819C223-7F76-453A-919D-413861904646\"", false)]
    public void Matches_CaseExactAttributes_CompareExactly(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("name.familyName co \"ens\"", true)]
    [InlineData("name.givenName eq \"barbara\"", true)]
    [InlineData("name.givenName eq \"Babs\"", false)]
    public void Matches_SubAttributes_OfAComplexAttribute(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("emails.value eq \"babs@jensen.org\"", true)]
    [InlineData("emails co \"jensen.org\"", true)]
    [InlineData("emails.type eq \"other\"", false)]
    [InlineData("emails[type eq \"work\" and value co \"@example.com\"]", true)]
    [InlineData("emails[type eq \"home\" and value co \"@example.com\"]", false)]
    [InlineData("emails[type eq \"work\"].value eq \"bjensen@example.com\"", true)]
    [InlineData("emails[type eq \"home\"].value eq \"bjensen@example.com\"", false)]
    [InlineData("emails[not (primary eq true)]", true)]
    [InlineData("phoneNumbers[type eq \"mobile\" and value sw \"+1555\"]", true)]
    public void Matches_AMultiValuedAttribute_WhenAnyOfItsValuesDoes(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:33Z\"", true)]
    [InlineData("meta.lastModified gt \"2011-05-13T04:42:34Z\"", false)]
    [InlineData("meta.lastModified ge \"2011-05-13T04:42:34Z\"", true)]
    [InlineData("meta.lastModified eq \"2011-05-13T06:42:34+02:00\"", true)]
    [InlineData("meta.lastModified lt \"2011-05-13T04:42:34.001Z\"", true)]
    [InlineData("meta.lastModified le \"2011-05-13T00:00:00-05:00\"", true)]
    [InlineData("meta.created lt \"2010-01-23T04:56:22\"", false)]
    public void Matches_DateTimes_AsInstants(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("userName gt \"BJ\"", true)]
    [InlineData("userName lt \"bk\"", true)]
    [InlineData("userName lt \"BJENSEN@EXAMPLE.COM\"", false)]
    [InlineData("externalId lt \"bjensen-ext\"", false)]
    [InlineData("externalId le \"bjensen-ext\"", true)]
    public void Matches_OrderingOfStrings_FollowsCaseExact(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("title pr", false)]
    [InlineData("active pr", true)]
    [InlineData("emails pr", true)]
    [InlineData("name pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber pr", true)]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq \"701984\"", true)]
    public void Matches_Present_WhenTheAttributeHasAValue(string filter, bool expected)
    {
        if (filter.StartsWith("title", StringComparison.Ordinal))
        {
            Assert.Equal(ScimErrorType.InvalidFilter, Assert.Throws<ScimException>(() => Matches(filter)).ScimType);
            return;
        }
        Assert.Equal(expected, Matches(filter));
    }

    [Fact]
    public void Matches_Present_IsFalseForAnEmptyString()
    {
        var user = Samples.User();
        user["externalId"] = "";

        Assert.False(FilterEvaluator.Matches(ScimParser.ParseFilter("externalId pr"), user, ScimResourceTypes.User));
    }

    [Theory]
    [InlineData("active eq true", true)]
    [InlineData("active eq false", false)]
    [InlineData("active ne false", true)]
    [InlineData("emails.primary eq true", true)]
    public void Matches_Booleans_ForEquality(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("userName ne \"someone\"", true)]
    [InlineData("userName ne \"BJENSEN@example.com\"", false)]
    [InlineData("emails.type ne \"work\"", false)]
    [InlineData("emails.type ne \"other\"", true)]
    [InlineData("name.formatted eq null", false)]
    [InlineData("name.formatted ne null", true)]
    public void Matches_Ne_IsTheNegationOfEq(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Fact]
    public void Matches_AnAbsentAttribute_IsNotEqualToAnything()
    {
        var user = Samples.User();
        user.Remove("externalId");

        Assert.True(FilterEvaluator.Matches(ScimParser.ParseFilter("externalId ne \"x\" and externalId eq null"), user, ScimResourceTypes.User));
        Assert.False(FilterEvaluator.Matches(ScimParser.ParseFilter("externalId eq \"x\" or externalId pr"), user, ScimResourceTypes.User));
    }

    [Theory]
    [InlineData("userName eq \"x\" or active eq true", true)]
    [InlineData("userName eq \"x\" and active eq true", false)]
    [InlineData("not (userName eq \"x\") and active eq true", true)]
    [InlineData("not (userName eq \"x\" or active eq true)", false)]
    public void Matches_LogicalOperators(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    // A filter the schema cannot answer is invalidFilter, whatever the data.
    [Theory]
    [InlineData("title pr", "Unknown attribute `title`")]
    [InlineData("name.middleName eq \"x\"", "Unknown attribute `name.middleName`")]
    [InlineData("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager eq \"x\"", "Unknown attribute")]
    [InlineData("employeeNumber eq \"701984\"", "Unknown attribute `employeeNumber`")]
    [InlineData("emails[display eq \"x\"]", "Unknown attribute `display`")]
    [InlineData("userName eq \"x\" or title pr", "Unknown attribute `title`")]
    [InlineData("active gt true", "`gt` does not apply to active")]
    [InlineData("active eq \"true\"", "active is compared with true or false")]
    [InlineData("userName eq 1", "userName is compared with a string")]
    [InlineData("meta.lastModified gt \"yesterday\"", "a dateTime string")]
    [InlineData("meta.lastModified co \"2011\"", "`co` does not apply to lastModified")]
    [InlineData("name eq \"Barbara\"", "`name` is complex")]
    [InlineData("userName gt null", "`gt null` means nothing")]
    [InlineData("userName[value eq \"x\"]", "`userName[...]` needs a complex attribute")]
    public void Matches_AFilterTheSchemaCannotAnswer_IsInvalidFilter(string filter, string detail)
    {
        var error = Assert.Throws<ScimException>(() => Matches(filter));

        Assert.Equal((400, ScimErrorType.InvalidFilter), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail);
    }

    [Theory]
    [InlineData("displayName eq \"tour guides\"", true)]
    [InlineData("members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]", true)]
    [InlineData("members.value eq \"902C246B-6245-4190-8E05-00816BE7344A\"", true)]
    [InlineData("members.value eq \"902c246b\"", false)]
    public void Matches_Groups(string filter, bool expected) =>
        Assert.Equal(expected, FilterEvaluator.Matches(ScimParser.ParseFilter(filter), Samples.Group(), ScimResourceTypes.Group));

    [Fact]
    public void Validate_ChecksWithoutData()
    {
        FilterEvaluator.Validate(ScimParser.ParseFilter("userName eq \"x\" and meta.lastModified gt \"2011-05-13T04:42:34Z\""), ScimResourceTypes.User);

        Assert.Equal(ScimErrorType.InvalidFilter, Assert.Throws<ScimException>(() =>
            FilterEvaluator.Validate(ScimParser.ParseFilter("members pr"), ScimResourceTypes.User)).ScimType);
    }
}
