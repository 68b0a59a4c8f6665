using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

/// <summary>The PATCH requests of Okta's "SCIM 2.0 Protocol Reference".</summary>
public sealed class OktaPatchTests
{
    private const string GroupId = "abf4dd94-a4c0-4f67-89c9-76b03340cb9b";

    [Fact]
    public void DeactivateAUser_ReplacesActiveWithoutPath()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""[{"op": "replace", "value": {"active": false}}]"""));

        Equal("false", patched["active"]);
    }

    [Fact]
    public void UpdateAGroupName_SendingTheGroupsOwnIdAlong_RenamesIt()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations($$"""
            [{"op": "replace", "value": {"id": "{{GroupId}}", "displayName": "Test SCIMv2"} }]
            """));

        Assert.Equal((GroupId, "Test SCIMv2"), ((string)patched["id"]!, (string)patched["displayName"]!));
    }

    [Fact]
    public void UpdateAGroupName_WithAnotherId_IsMutability()
    {
        var error = Assert.Throws<ScimException>(() => ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "replace", "value": {"id": "another", "displayName": "Test SCIMv2"}}]
            """)));

        Assert.Equal((400, ScimErrorType.Mutability), (error.Status, error.ScimType));
        Assert.Contains("`id` is read-only", error.Detail);
    }

    [Fact]
    public void UpdateGroupMembership_RemovesOneAndAddsAnother()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "remove", "path": "members[value eq \"902c246b-6245-4190-8e05-00816be7344a\"]"},
             {"op": "add", "path": "members", "value": [{"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"}]}]
            """));

        Equal("""
            [{"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen"},
             {"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173"}]
            """, patched["members"]);
    }

    [Fact]
    public void PushAllMembers_ReplacesThem()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "replace", "path": "members", "value": [
               {"value": "23a35c27-23d3-4c03-b4c5-6443c09e7173", "display": "test.user@okta.local"},
               {"value": "89bb1940-b905-4575-9e7f-6f887cfb368e", "display": "test.user@okta.local"}]}]
            """));

        Assert.Equal(["23a35c27-23d3-4c03-b4c5-6443c09e7173", "89bb1940-b905-4575-9e7f-6f887cfb368e"],
            patched["members"]!.AsArray().Select(m => (string)m!["value"]!));
    }

    [Fact]
    public void AddingAMemberTwice_KeepsOneValue()
    {
        var group = Samples.Group();
        group["members"]![0]!["type"] = "User";

        var patched = ApplyPatch(group, ScimResourceTypes.Group, Operations("""
            [{"op": "add", "path": "members", "value": [{"value": "2819C223-7F76-453A-919D-413861904646"}]},
             {"op": "add", "path": "members", "value": [{"value": "902c246b-6245-4190-8e05-00816be7344a", "type": "User"}]}]
            """));

        Equal("""
            [{"value": "2819c223-7f76-453a-919d-413861904646", "display": "Babs Jensen", "type": "User"},
             {"value": "902c246b-6245-4190-8e05-00816be7344a", "display": "Mandy Pepperidge", "type": "User"}]
            """, patched["members"]);
    }
}
