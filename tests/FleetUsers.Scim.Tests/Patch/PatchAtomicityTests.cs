using FleetUsers.Scim.Errors;
using FleetUsers.Scim.Schema;
using FleetUsers.Scim.Tests.Support;
using static FleetUsers.Scim.Tests.Support.TestJson;

namespace FleetUsers.Scim.Tests.Patch;

public sealed class PatchAtomicityTests
{
    [Fact]
    public void AFailingSecondOperation_LeavesTheResourceUnchanged_AndNamesTheOperation()
    {
        var user = Samples.User();
        var before = user.ToJsonString();

        var error = Assert.Throws<ScimException>(() => ApplyPatch(user, ScimResourceTypes.User, Operations("""
            [{"op": "replace", "path": "name.givenName", "value": "Babs"},
             {"op": "remove", "path": "emails[type eq \"work\"]"},
             {"op": "replace", "path": "active", "value": "maybe"}]
            """)));

        Assert.Equal((ScimErrorType.InvalidValue, "Operations[2]: `active` must be true or false."), (error.ScimType, error.Detail));
        Equal(before, user);
    }

    [Fact]
    public void ASuccessfulPatch_ReturnsACopy_AndLeavesTheResourceGivenUnchanged()
    {
        var user = Samples.User();
        var before = user.ToJsonString();

        var patched = ApplyPatch(user, ScimResourceTypes.User, Operations("""[{"op": "replace", "path": "userName", "value": "babs"}]"""));

        Equal(before, user);
        Assert.Equal("babs", (string)patched["userName"]!);
    }

    [Fact]
    public void LaterOperations_SeeWhatEarlierOnesDid()
    {
        var patched = ApplyPatch(Samples.Group(), ScimResourceTypes.Group, Operations("""
            [{"op": "add", "path": "members", "value": [{"value": "u3"}]},
             {"op": "remove", "path": "members[value eq \"u3\"]"},
             {"op": "add", "path": "members[value eq \"u4\"].type", "value": "User"}]
            """));

        Assert.Equal(["2819c223-7f76-453a-919d-413861904646", "902c246b-6245-4190-8e05-00816be7344a", "u4"],
            patched["members"]!.AsArray().Select(m => (string)m!["value"]!));
    }

    [Fact]
    public void RequiredAttributes_AreCheckedOnTheResult_NotBetweenOperations()
    {
        var patched = ApplyPatch(Samples.User(), ScimResourceTypes.User, Operations("""
            [{"op": "remove", "path": "userName"},
             {"op": "add", "path": "userName", "value": "babs"}]
            """));

        Assert.Equal("babs", (string)patched["userName"]!);
    }
}
