using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

/// <summary>What the schema lets a PATCH do: names, mutability, types, required attributes.</summary>
public sealed class PatchRulesTests
{
    private static ScimException Refused(string operations, bool group = false) =>
        Assert.Throws<ScimException>(() => group
            ? ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations(operations))
            : ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations(operations)));

    [Fact]
    public void AttributeNames_IgnoreLetterCase_AndAreWrittenAsTheSchemaSpellsThem()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "NAME.GIVENNAME", "value": "Babs"},
             {"op": "replace", "path": "Emails[Type eq \"work\"].VALUE", "value": "babs@example.com"},
             {"op": "replace", "value": {"ACTIVE": false, "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:EMPLOYEENUMBER": "7"}}]
            """));

        Equal("""{"formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Babs"}""", patched["name"]);
        Assert.Equal("babs@example.com", (string)patched["emails"]![0]!["value"]!);
        Assert.False((bool)patched["active"]!);
        Equal("""{"employeeNumber": "7"}""", patched[Samples.Enterprise]);
    }

    [Fact]
    public void TheExtensionAsAnObjectKeyedByItsUrn_SetsItsAttributes()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"employeeNumber": "42"}}}]
            """));

        Equal("""{"employeeNumber": "42"}""", patched[Samples.Enterprise]);
    }

    [Fact]
    public void AnExtensionAttribute_ListsTheExtensionInSchemas_AndRemovingTheLastTakesItOut()
    {
        var user = Samples.User();
        user.Remove(Samples.Enterprise);
        user["schemas"] = Samples.Array("""["urn:ietf:params:scim:schemas:core:2.0:User"]""");

        var added = ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "42"}]
            """));
        var removed = ApplyPatch(added, ScimResourceTypes.User, Operations("""
            [{"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}]
            """));

        Equal("""["urn:ietf:params:scim:schemas:core:2.0:User", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]""", added["schemas"]);
        Equal("""["urn:ietf:params:scim:schemas:core:2.0:User"]""", removed["schemas"]);
        Assert.False(removed.ContainsKey(Samples.Enterprise));
    }

    [Fact]
    public void Schemas_InAValueWithoutPath_AreAcceptedWhenTheyAreTheResourcesOwn()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "value": {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "active": false}}]
            """));

        Assert.False((bool)patched["active"]!);
        Assert.Equal(2, patched["schemas"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("""[{"op": "replace", "value": {"schemas": ["urn:example:Other"]}}]""", "schemas must list schemas of User")]
    [InlineData("""[{"op": "replace", "path": "active", "value": "yes"}]""", "`active` must be true or false")]
    [InlineData("""[{"op": "replace", "path": "userName", "value": 5}]""", "`userName` must be a string")]
    [InlineData("""[{"op": "add", "path": "emails", "value": "bjensen@example.net"}]""", "`emails` must be an object of sub-attributes")]
    [InlineData("""[{"op": "add", "path": "emails", "value": [null]}]""", "`emails` cannot hold null values")]
    [InlineData("""[{"op": "replace", "path": "name", "value": "Barbara Jensen"}]""", "`name` must be an object of sub-attributes")]
    [InlineData("""[{"op": "replace", "path": "name.givenName", "value": {}}]""", "`name.givenName` must be a string")]
    [InlineData("""[{"op": "replace", "path": "emails[type eq \"home\"].primary", "value": "perhaps"}]""", "must be true or false")]
    [InlineData("""[{"op": "replace", "value": {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": "42"}}]""", "must be an object of the extension's attributes")]
    [InlineData("""[{"op": "add", "path": "externalId", "value": null}]""", "add needs a value for `externalId`")]
    public void AValueOfTheWrongType_IsInvalidValue(string operations, string detail)
    {
        var error = Refused(operations);

        Assert.Equal((400, ScimErrorType.InvalidValue), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail);
    }

    [Fact]
    public void BooleansSentAsStrings_AreBooleans_InsideValuesToo()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "add", "path": "emails", "value": [{"value": "b@example.net", "type": "other", "primary": "True"}]},
             {"op": "replace", "path": "active", "value": "false"}]
            """));

        Equal("""{"value": "b@example.net", "type": "other", "primary": true}""", patched["emails"]![2]);
        Equal("false", patched["active"]);
    }

    [Theory]
    [InlineData("""[{"op": "add", "path": "nickName", "value": "Babs"}]""", "Unknown attribute `nickName`")]
    [InlineData("""[{"op": "add", "value": {"nickName": "Babs"}}]""", "Unknown attribute `nickName`")]
    [InlineData("""[{"op": "replace", "path": "name.middleName", "value": "Jane"}]""", "Unknown attribute `name.middleName`")]
    [InlineData("""[{"op": "replace", "value": {"name": {"middleName": "Jane"}}}]""", "Unknown attribute `name.middleName`")]
    [InlineData("""[{"op": "replace", "path": "emails[display eq \"x\"].value", "value": "x"}]""", "Unknown attribute `display`")]
    [InlineData("""[{"op": "replace", "path": "userName[value eq \"x\"]", "value": "x"}]""", "`userName` has no values to select")]
    [InlineData("""[{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "x"}]""", "Unknown attribute")]
    [InlineData("""[{"op": "add", "path": "employeeNumber", "value": "x"}]""", "Unknown attribute `employeeNumber`")]
    [InlineData("""[{"op": "add", "value": {"name.": "x"}}]""", "`name.` in value is not an attribute")]
    public void AnAttributeTheResourceDoesNotHave_IsInvalidPath(string operations, string detail)
    {
        var error = Refused(operations);

        Assert.Equal((400, ScimErrorType.InvalidPath), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail);
    }

    [Theory]
    [InlineData("""[{"op": "replace", "path": "id", "value": "another"}]""", "`id` is read-only")]
    [InlineData("""[{"op": "remove", "path": "id"}]""", "`id` is read-only")]
    [InlineData("""[{"op": "replace", "path": "meta.lastModified", "value": "2020-01-01T00:00:00Z"}]""", "`meta.lastModified` is read-only")]
    [InlineData("""[{"op": "add", "path": "groups", "value": [{"value": "g"}]}]""", "`groups` is read-only")]
    [InlineData("""[{"op": "remove", "path": "groups[value eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"]"}]""", "`groups[value eq \"e9e30dba-f08f-4109-8486-d5c6a331660a\"]` is read-only")]
    [InlineData("""[{"op": "replace", "path": "displayName", "value": "Babs"}]""", "`displayName` is read-only")]
    [InlineData("""[{"op": "replace", "path": "name.formatted", "value": "Babs Jensen"}]""", "`name.formatted` is read-only")]
    public void ChangingAReadOnlyAttribute_IsMutability(string operations, string detail)
    {
        var error = Refused(operations);

        Assert.Equal((400, ScimErrorType.Mutability), (error.Status, error.ScimType));
        Assert.Contains(detail, error.Detail);
    }

    [Fact]
    public void AReadOnlyAttributeSentWithTheValueItHas_ChangesNothing()
    {
        var user = Samples.User();

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "replace", "value": {"id": "2819c223-7f76-453a-919d-413861904646", "displayName": "Barbara Jensen"}}]
            """));

        Equal(user.ToJsonString(), patched);
    }

    [Fact]
    public void AReadOnlySubAttributeInsideAValue_IsIgnored()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "value": {"name": {"formatted": "Babs J", "givenName": "Babs"}}}]
            """));

        Equal("""{"formatted": "Barbara Jensen", "familyName": "Jensen", "givenName": "Babs"}""", patched["name"]);
    }

    [Fact]
    public void AMembersImmutableValue_CannotBeReplaced_ButTypeMayBeAddedWhereItHasNone()
    {
        var error = Refused("""
            [{"op": "replace", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"].value", "value": "other"}]
            """, group: true);
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "add", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"].type", "value": "User"}]
            """));

        Assert.Equal(ScimErrorType.Mutability, error.ScimType);
        Assert.Contains("is immutable", error.Detail);
        Assert.Equal("User", (string)patched["members"]![1]!["type"]!);
    }

    [Theory]
    [InlineData("""[{"op": "remove", "path": "userName"}]""", "userName is required.")]
    [InlineData("""[{"op": "replace", "path": "userName", "value": null}]""", "userName is required.")]
    [InlineData("""[{"op": "replace", "value": {"userName": null}}]""", "userName is required.")]
    public void RemovingARequiredAttribute_IsInvalidValue(string operations, string detail)
    {
        var error = Refused(operations);

        Assert.Equal((ScimErrorType.InvalidValue, detail), (error.ScimType, error.Detail));
    }

    [Fact]
    public void RemovingAGroupsDisplayName_IsInvalidValue() =>
        Assert.Equal("displayName is required.", Refused("""[{"op": "remove", "path": "displayName"}]""", group: true).Detail);

    [Fact]
    public void ReplacingWithNull_UnassignsTheAttribute()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "externalId", "value": null},
             {"op": "replace", "value": {"name": {"familyName": null}}}]
            """));

        Assert.False(patched.ContainsKey("externalId"));
        Equal("""{"formatted": "Barbara Jensen", "givenName": "Barbara"}""", patched["name"]);
    }

    [Fact]
    public void RemovingTheLastSubAttribute_LeavesTheComplexAttributeUnassigned()
    {
        var user = Samples.User();
        user["name"] = Samples.Parse("""{"givenName": "Barbara"}""");

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""[{"op": "remove", "path": "name.givenName"}]"""));

        Assert.False(patched.ContainsKey("name"));
    }

    [Fact]
    public void Remove_AnAttributeTheResourceLacks_ChangesNothing()
    {
        var user = Samples.User();
        user.Remove("externalId");
        user.Remove(Samples.Enterprise);
        user["schemas"] = Samples.Array("""["urn:ietf:params:scim:schemas:core:2.0:User"]""");

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "remove", "path": "externalId"},
             {"op": "remove", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber"}]
            """));

        Equal(user.ToJsonString(), patched);
    }
}
