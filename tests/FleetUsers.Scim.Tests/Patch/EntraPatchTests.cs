using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

/// <summary>
/// The PATCH requests Microsoft Entra ID's provisioning documentation shows ("SCIM protocol
/// requests and responses", and "Known issues ... SCIM 2.0 protocol compliance": both what it sends
/// by default and with the aadOptscim062020 flag).
/// </summary>
public sealed class EntraPatchTests
{
    [Fact]
    public void UpdateUserMultiValuedProperties_ReplacesTheWorkEmailAndTheFamilyName()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "updatedEmail@microsoft.com"},
             {"op": "Replace", "path": "name.familyName", "value": "updatedFamilyName"}]
            """));

        Assert.Equal("updatedEmail@microsoft.com", (string)patched["emails"]![0]!["value"]!);
        Assert.Equal("updatedFamilyName", (string)patched["name"]!["familyName"]!);
    }

    [Fact]
    public void UpdateUserSingleValuedProperties_ReplacesTheUserName()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "Replace", "path": "userName", "value": "5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com"}]
            """));

        Assert.Equal("5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com", (string)patched["userName"]!);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("\"False\"")]
    public void DisableUser_WithABooleanOrTheStringEntraSendsByDefault(string value)
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations($$"""
            [{"op": "Replace", "path": "active", "value": {{value}}}]
            """));

        Equal("false", patched["active"]);
    }

    [Fact]
    public void AddASingleValuedAttribute_WithACapitalisedOp()
    {
        var user = Samples.User();
        user.Remove("externalId");

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""[{"op": "Add", "path": "externalId", "value": "Babs"}]"""));

        Assert.Equal("Babs", (string)patched["externalId"]!);
    }

    [Fact]
    public void ReplaceMultipleAttributes_OneOperationEach_AsEntraSendsByDefault()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "Replace", "path": "emails[type eq \"work\"].value", "value": "TestBcwqnm@test.microsoft.com"},
             {"op": "Replace", "path": "name.givenName", "value": "Gtfd"},
             {"op": "Replace", "path": "name.familyName", "value": "Pkqf"},
             {"op": "Replace", "path": "externalId", "value": "Eqpj"},
             {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "Eqpj"}]
            """));

        Assert.Equal("TestBcwqnm@test.microsoft.com", (string)patched["emails"]![0]!["value"]!);
        Equal("""{"formatted": "Barbara Jensen", "familyName": "Pkqf", "givenName": "Gtfd"}""", patched["name"]);
        Assert.Equal("Eqpj", (string)patched["externalId"]!);
        Equal("""{"employeeNumber": "Eqpj"}""", patched[Samples.Enterprise]);
    }

    [Fact]
    public void ReplaceMultipleAttributes_WithoutPath_KeysAreDottedAndUrnPrefixedPaths_AsEntraSendsWithTheFlag()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "TestMhvaes@test.microsoft.com"},
             {"op": "replace", "value": {
                "name.givenName": "Kkom",
                "name.familyName": "Unua",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber": "Aklq"}}]
            """));

        Assert.Equal("TestMhvaes@test.microsoft.com", (string)patched["emails"]![0]!["value"]!);
        Assert.Equal(("Kkom", "Unua"), ((string)patched["name"]!["givenName"]!, (string)patched["name"]!["familyName"]!));
        Equal("""{"employeeNumber": "Aklq"}""", patched[Samples.Enterprise]);
    }

    [Fact]
    public void ReplaceMultipleAttributes_ADisplayNameOtherThanTheDerivedOne_IsMutability()
    {
        // displayName is derived from the names in FleetUsers: Entra's displayName mapping must go.
        var error = Assert.Throws<ScimException>(() => ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "replace", "value": {"displayName": "Bjfe", "name.givenName": "Kkom"}}]
            """)));

        Assert.Equal((ScimErrorType.Mutability, "Operations[0]: `displayName` is read-only."), (error.ScimType, error.Detail));
    }

    [Fact]
    public void RemoveAGroupMember_ListedInTheValue_AsEntraSendsByDefault_RemovesOnlyThatMember()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "Remove", "path": "members", "value": [{"$ref": null, "value": "2819c223-7f76-453a-919d-413861904646"}]}]
            """));

        Equal("""[{"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge"}]""", patched["members"]);
    }

    [Fact]
    public void RemoveAGroupMember_WithAValueFilter_AsEntraSendsWithTheFlag()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "remove", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"}]
            """));

        Equal("""[{"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"}]""", patched["members"]);
    }

    [Fact]
    public void UpdateGroupAddMembers_WithANullRef()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "Add", "path": "members", "value": [{"$ref": null, "value": "f648f8d5ea4e4cd38e9c"}]}]
            """));

        Equal("""{"value": "f648f8d5ea4e4cd38e9c"}""", patched["members"]![2]);
    }

    [Fact]
    public void UpdateGroupNonMemberAttributes_ReplacesTheDisplayName()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "Replace", "path": "displayName", "value": "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"}]
            """));

        Assert.Equal("1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName", (string)patched["displayName"]!);
    }

    [Fact]
    public void AddAMobilePhone_ByAValueFilterPathMatchingNothing_MakesTheValue()
    {
        var user = Samples.User();
        user.Remove("phoneNumbers");

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+15555550100"}]
            """));

        Equal("""[{"type": "mobile", "value": "+15555550100"}]""", patched["phoneNumbers"]);
    }
}
