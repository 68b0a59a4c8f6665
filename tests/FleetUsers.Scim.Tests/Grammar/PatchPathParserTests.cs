using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Filters;
using FleetUsers.Scim.Grammar;
using FleetUsers.Scim.Patch;

namespace FleetUsers.Scim.Tests.Grammar;

public sealed class PatchPathParserTests
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    [Fact]
    public void ParsePatchPath_AnAttribute_IsItsName() =>
        Assert.Equal(new PatchPath(null, "members"), ScimParser.ParsePatchPath("members"));

    [Fact]
    public void ParsePatchPath_ASubAttribute_IsNamedAfterTheDot() =>
        Assert.Equal(new PatchPath(null, "name", null, "familyName"), ScimParser.ParsePatchPath("name.familyName"));

    [Fact]
    public void ParsePatchPath_AUrnPrefix_IsTheSchema() =>
        Assert.Equal(new PatchPath(Enterprise, "employeeNumber"), ScimParser.ParsePatchPath($"{Enterprise}:employeeNumber"));

    [Fact]
    public void ParsePatchPath_AValueFilter_SelectsValues()
    {
        var path = ScimParser.ParsePatchPath("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]");

        Assert.Equal(new PatchPath(null, "members",
            new CompareFilter(new AttributePath(null, "value"), CompareOperator.Eq, new ComparisonValue.String("2819c223-7f76-453a-919d-413861904646"))), path);
    }

    [Fact]
    public void ParsePatchPath_AValueFilterThenASubAttribute_NamesTheSubAttributeOfTheSelectedValues()
    {
        var path = ScimParser.ParsePatchPath("emails[type eq \"work\"].value");

        Assert.Equal(("emails", "value"), (path.Name, path.SubAttribute));
        Assert.Equal("type eq \"work\"", path.ValueFilter!.ToString());
    }

    [Fact]
    public void ParsePatchPath_AUrnPrefixedValuePath_KeepsAllItsParts()
    {
        var path = ScimParser.ParsePatchPath("urn:ietf:params:scim:schemas:core:2.0:User:addresses[type eq \"work\" and primary eq true].streetAddress");

        Assert.Equal(("urn:ietf:params:scim:schemas:core:2.0:User", "addresses", "streetAddress"), (path.SchemaUrn, path.Name, path.SubAttribute));
        Assert.Equal("(type eq \"work\" and primary eq true)", path.ValueFilter!.ToString());
    }

    [Theory]
    [InlineData("emails[type eq \"work\"", 22, "expected `]`")]
    [InlineData("emails[type eq \"work\"].", 24, "expected attribute name")]
    [InlineData("name.", 6, "expected attribute name")]
    [InlineData("name.givenName.first", 15, "expected `[`, `.` or the end")]
    [InlineData("name.givenName[value pr]", 15, "expected `[`, `.` or the end")]
    [InlineData("members[value eq \"1\"] extra", 22, "expected `[`, `.` or the end")]
    [InlineData("members[]", 9, "expected `not`, `(` or attribute name")]
    [InlineData("1members", 1, "expected attribute name")]
    public void ParsePatchPath_Malformed_IsInvalidPathNamingThePosition(string path, int position, string expected)
    {
        var error = Assert.Throws<ScimException>(() => ScimParser.ParsePatchPath(path));

        Assert.Equal((400, ScimErrorType.InvalidPath), (error.Status, error.ScimType));
        Assert.Contains($"at position {position}:", error.Detail);
        Assert.Contains(expected, error.Detail);
    }
}
