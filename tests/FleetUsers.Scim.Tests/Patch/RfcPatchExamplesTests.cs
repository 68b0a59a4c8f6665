using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

/// <summary>The PATCH examples of RFC 7644 §3.5.2, on attributes FleetUsers has.</summary>
public sealed class RfcPatchExamplesTests
{
    private const string Babs = "2819c223-7f76-453a-919d-413861904646";
    private const string Mandy = "902c246b-6245-4190-8e05-00816be7344a";
    private const string James = "08e1d05d-121c-4561-8b96-473d93df9210";

    [Fact]
    public void Add_AMember_AppendsItWithoutTheDisplayTheServerOwns()
    {
        var group = Samples.Group();
        group["members"]!.AsArray().RemoveAt(0);

        var patched = ApplyPatch(group, ScimResourceTypes.Group, Operations($$"""
            [{"op": "add", "path": "members",
              "value": [{"display": "Babs Jensen", "$ref": "https://example.com/v2/Users/{{Babs}}", "value": "{{Babs}}"}]}]
            """));

        Equal($$"""
            [{"value": "{{Mandy}}", "display": "Mandy Pepperidge"},
             {"value": "{{Babs}}", "$ref": "https://example.com/v2/Users/{{Babs}}"}]
            """, patched["members"]);
    }

    [Fact]
    public void Add_WithoutPath_AddsEachAttributeOfTheValue()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "value": {"emails": [{"value": "babs@jensen.net", "type": "home"}], "externalId": "babs-2"}}]
            """));

        Assert.Equal(["bjensen@example.com", "babs@jensen.org", "babs@jensen.net"], patched["emails"]!.AsArray().Select(e => (string)e!["value"]!));
        Assert.Equal("babs-2", (string)patched["externalId"]!);
    }

    [Fact]
    public void Remove_AMemberSelectedByValue_RemovesOnlyIt()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations($$"""
            [{"op": "remove", "path": "members[value eq \"{{Babs}}\"]"}]
            """));

        Equal($$"""[{"value": "{{Mandy}}", "display": "Mandy Pepperidge"}]""", patched["members"]);
    }

    [Fact]
    public void Remove_AllMembers_LeavesTheAttributeUnassigned()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""[{"op": "remove", "path": "members"}]"""));

        Assert.False(patched.ContainsKey("members"));
    }

    [Fact]
    public void Remove_ValuesSelectedByAComplexFilter()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "remove", "path": "emails[type eq \"work\" and value ew \"example.com\"]"}]
            """));

        Equal("""[{"value": "babs@jensen.org", "type": "home"}]""", patched["emails"]);
    }

    [Fact]
    public void RemoveThenAdd_ReplacesAllMembers()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations($$"""
            [{"op": "remove", "path": "members"},
             {"op": "add", "path": "members", "value": [
               {"display": "Babs Jensen", "$ref": "https://example.com/v2/Users/{{Babs}}", "value": "{{Babs}}"},
               {"display": "James Smith", "$ref": "https://example.com/v2/Users/{{James}}", "value": "{{James}}"}]}]
            """));

        Assert.Equal([Babs, James], patched["members"]!.AsArray().Select(m => (string)m!["value"]!));
    }

    [Fact]
    public void Replace_AllMembers()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations($$"""
            [{"op": "replace", "path": "members", "value": [
               {"display": "Babs Jensen", "$ref": "https://example.com/v2/Users/{{Babs}}", "value": "{{Babs}}"},
               {"display": "James Smith", "$ref": "https://example.com/v2/Users/{{James}}", "value": "{{James}}"}]}]
            """));

        Equal($$"""
            [{"value": "{{Babs}}", "$ref": "https://example.com/v2/Users/{{Babs}}"},
             {"value": "{{James}}", "$ref": "https://example.com/v2/Users/{{James}}"}]
            """, patched["members"]);
    }

    [Fact]
    public void Replace_TheValuesAFilterSelects_Wholly()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"work\"]", "value": {"type": "work", "value": "bjensen@example.org", "primary": true}}]
            """));

        Equal("""
            [{"type": "work", "value": "bjensen@example.org", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}]
            """, patched["emails"]);
    }

    [Fact]
    public void Replace_ASubAttributeOfTheSelectedValues()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "barbara@example.org"}]
            """));

        Equal("""
            [{"value": "barbara@example.org", "type": "work", "primary": true},
             {"value": "babs@jensen.org", "type": "home"}]
            """, patched["emails"]);
    }

    [Fact]
    public void Replace_WithoutPath_ReplacesEachAttributeOfTheValue()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "value": {"emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}], "active": false}}]
            """));

        Equal("""[{"value": "bjensen@example.com", "type": "work", "primary": true}]""", patched["emails"]);
        Assert.False((bool)patched["active"]!);
    }

    [Fact]
    public void Replace_AComplexAttribute_SetsTheSubAttributesGivenAndKeepsTheOthers()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "name", "value": {"givenName": "Babs"}}]
            """));

        Equal("""{"formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Babs"}""", patched["name"]);
    }
}
