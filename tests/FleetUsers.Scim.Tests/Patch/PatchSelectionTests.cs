using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

/// <summary>Value filters in paths, the values they make when they select none, and "primary".</summary>
public sealed class PatchSelectionTests
{
    [Fact]
    public void Add_ThroughAFilterSelectingNone_MakesTheValueFromItsEqTerms()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "emails[type eq \"other\" and primary eq false].value", "value": "b@example.net"}]
            """));

        Equal("""{"type": "other", "primary": false, "value": "b@example.net"}""", patched["emails"]![2]);
    }

    [Fact]
    public void Replace_ThroughAFilterOnAnAttributeWithoutValues_AddsTheValue()
    {
        var user = Samples.User();
        user.Remove("emails");

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "b@example.com"}]
            """));

        Equal("""[{"type": "work", "value": "b@example.com"}]""", patched["emails"]);
    }

    [Fact]
    public void Replace_ThroughAFilterSelectingNoneOfTheValues_IsNoTarget()
    {
        var error = Assert.Throws<ScimException>(() => ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"other\"].value", "value": "b@example.net"}]
            """)));

        Assert.Equal((400, ScimErrorType.NoTarget), (error.Status, error.ScimType));
        Assert.Contains("No value of `emails` matches", error.Detail);
    }

    [Fact]
    public void Add_ThroughAFilterThatDoesNotSayWhatToMake_IsNoTarget()
    {
        var error = Assert.Throws<ScimException>(() => ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "emails[value co \"@nowhere\"].type", "value": "work"}]
            """)));

        Assert.Equal(ScimErrorType.NoTarget, error.ScimType);
    }

    [Fact]
    public void Remove_ThroughAFilterSelectingNone_ChangesNothing()
    {
        var user = Samples.User();

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""[{"op": "remove", "path": "emails[type eq \"other\"]"}]"""));

        Equal(user.ToJsonString(), patched);
    }

    [Fact]
    public void Remove_ASubAttributeOfTheSelectedValues()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""[{"op": "remove", "path": "emails[type eq \"work\"].primary"}]"""));

        Equal("""[{"value": "bjensen@example.com", "type": "work"}, {"value": "babs@jensen.org", "type": "home"}]""", patched["emails"]);
    }

    [Fact]
    public void Replace_ASubAttributeOfEveryValue_WithoutFilter()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""[{"op": "replace", "path": "emails.type", "value": "other"}]"""));

        Assert.Equal(["other", "other"], patched["emails"]!.AsArray().Select(e => (string)e!["type"]!));
    }

    [Fact]
    public void Add_AValueMadePrimary_MakesTheOthersNotPrimary()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "emails", "value": [{"value": "b@example.net", "type": "other", "primary": true}]}]
            """));

        Assert.Equal([false, null, true], patched["emails"]!.AsArray().Select(e => (bool?)e!["primary"]));
    }

    [Fact]
    public void Replace_PrimaryThroughAFilter_MakesTheOthersNotPrimary()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"home\"].primary", "value": true}]
            """));

        Assert.Equal([false, true], patched["emails"]!.AsArray().Select(e => (bool?)e!["primary"]));
    }

    [Theory]
    [InlineData("""[{"op": "replace", "path": "emails", "value": [{"value": "a@x", "primary": true}, {"value": "b@x", "primary": true}]}]""")]
    [InlineData("""[{"op": "add", "path": "emails", "value": [{"value": "a@x", "primary": true}, {"value": "b@x", "primary": true}]}]""")]
    [InlineData("""[{"op": "replace", "path": "emails.primary", "value": true}]""")]
    public void TwoPrimaryValues_AreInvalidValue(string operations)
    {
        var error = Assert.Throws<ScimException>(() => ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations(operations)));

        Assert.Equal(ScimErrorType.InvalidValue, error.ScimType);
        Assert.Contains("Only one value of", error.Detail);
    }

    [Fact]
    public void Add_AnEmailItHas_MergesIntoIt()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "emails", "value": [{"value": "BABS@jensen.org", "type": "home", "primary": true}]}]
            """));

        Equal("""
            [{"value": "bjensen@example.com", "type": "work", "primary": false},
             {"value": "babs@jensen.org", "type": "home", "primary": true}]
            """, patched["emails"]);
    }

    [Fact]
    public void Replace_TheValuesAFilterSelects_WithNull_RemovesThem()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"home\"]", "value": null}]
            """));

        Assert.Single(patched["emails"]!.AsArray());
    }
}
