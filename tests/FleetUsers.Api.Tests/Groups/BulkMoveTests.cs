using System.Net;
using System.Text.Json.Nodes;
using FleetUsers.Api.Tests.Infrastructure;
using FleetUsers.Domain.Roles;
using static FleetUsers.Api.Tests.Infrastructure.GroupBodies;

namespace FleetUsers.Api.Tests.Groups;

/// <summary>
/// POST /v1/groups/bulkMove in the vendor's shapes: moves made in order, each by the rules of a
/// single move; refused moves reported with why, the others made.
/// </summary>
public sealed class BulkMoveTests(FleetUsersApp app)
{
    [StoreFact]
    public async Task BulkMove_MovesEveryGroup_AndAnswersMovedGroupsAsTheyAreNow()
    {
        var (company, tree) = await NewTreeAsync();

        var response = await company.Admin.PostJsonAsync("/v1/groups/bulkMove", new JsonArray(Move(tree.Oregon, tree.East), Move(tree.California, tree.Oregon)));

        await HttpAssert.ExpectAsync(response, HttpStatusCode.OK);
        var body = await HttpAssert.ReadObjectAsync(response);
        Assert.Equal(["MovedGroups", "UnmovedGroups"], body.Select(p => p.Key));
        Assert.Empty(body["UnmovedGroups"]!.AsArray());
        var moved = body["MovedGroups"]!.AsArray().Select(g => g!.AsObject()).ToList();
        Assert.Equal([tree.Oregon, tree.California], moved.Select(g => Id(g)));
        Assert.EndsWith("\\East\\Oregon\\California", Text(moved[1], "fullPath"), StringComparison.Ordinal);
        // Oregon's own move gave it revision 2; California moving below it left Oregon's path as it was.
        Assert.Equal(2, Revision(moved[0]));
        var losAngeles = await company.Admin.GetGroupAsync(tree.LosAngeles);
        Assert.Equal($"{company.RootId}\\{tree.East}\\{tree.Oregon}\\{tree.California}\\{tree.LosAngeles}", Text(losAngeles, "fullPathId"));
        Assert.Equal(2, Revision(losAngeles));
        Assert.True(JsonNode.DeepEquals(moved[1], await company.Admin.GetGroupAsync(tree.California)));
    }

    [StoreFact]
    public async Task BulkMove_ReportsEachRefusedMoveWithWhy_AndMakesTheRest()
    {
        var (company, tree) = await NewTreeAsync();
        var eastOregon = await company.Admin.CreateGroupAsync("OREGON", tree.East);
        var chain = await ChainAsync(company, tree.East, levels: 11); // East is level 2: its chain reaches level 13

        var response = await company.Admin.PostJsonAsync("/v1/groups/bulkMove", new JsonArray(
            Move(tree.West, tree.LosAngeles), // below itself
            Move(tree.Oregon, tree.East), // a sibling there has the name
            Move(company.RootId, tree.East), // the root
            Move(tree.California, chain[^1]), // California and Los Angeles would reach level 15
            Move(eastOregon, tree.West))); // West has an Oregon too
        var body = await HttpAssert.ReadObjectAsync(response);

        Assert.Empty(body["MovedGroups"]!.AsArray());
        var unmoved = body["UnmovedGroups"]!.AsArray().Select(u => (Id: Id(u!["Group"]!), Message: u["ErrorMessage"]!.GetValue<string>())).ToList();
        Assert.Equal([tree.West, tree.Oregon, company.RootId, tree.California, eastOregon], unmoved.Select(u => u.Id));
        Assert.Contains("cycle", unmoved[0].Message, StringComparison.Ordinal);
        Assert.Contains("already taken", unmoved[1].Message, StringComparison.Ordinal);
        Assert.Contains("root", unmoved[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("Request exceeds maximum group hierarchy depth.", unmoved[3].Message, StringComparison.Ordinal);
        Assert.Contains("already taken", unmoved[4].Message, StringComparison.Ordinal);
        Assert.Equal(tree.West.ToString(), Text(await company.Admin.GetGroupAsync(tree.California), "parentId"));
    }

    [StoreFact]
    public async Task BulkMove_EachMoveSeesTheMovesBeforeIt()
    {
        var (company, tree) = await NewTreeAsync();

        var body = await HttpAssert.ReadObjectAsync(await company.Admin.PostJsonAsync("/v1/groups/bulkMove",
            new JsonArray(Move(tree.East, tree.Oregon), Move(tree.Oregon, tree.East))));

        Assert.Equal([tree.East], body["MovedGroups"]!.AsArray().Select(g => Id(g!)));
        var unmoved = Assert.Single(body["UnmovedGroups"]!.AsArray());
        Assert.Contains("cycle", unmoved!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task BulkMove_ByAGroupManagerOfWest_MovesWithinWest_AndReportsMovesOutOfIt()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, manager) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager));

        var body = await HttpAssert.ReadObjectAsync(await manager.PostJsonAsync("/v1/groups/bulkMove",
            new JsonArray(Move(tree.LosAngeles, tree.Oregon), Move(tree.Oregon, tree.East))));

        Assert.Equal([tree.LosAngeles], body["MovedGroups"]!.AsArray().Select(g => Id(g!)));
        Assert.Contains("Group Manager", Assert.Single(body["UnmovedGroups"]!.AsArray())!["ErrorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [StoreFact]
    public async Task BulkMove_OfAGroupTheCallerCannotSee_Returns403_AndMovesNothing()
    {
        var (company, tree) = await NewTreeAsync();
        var (_, manager) = await company.NewCallerAsync((tree.West, RoleCatalog.GroupManager));

        await HttpAssert.ExpectEmptyAsync(await manager.PostJsonAsync("/v1/groups/bulkMove",
            new JsonArray(Move(tree.LosAngeles, tree.Oregon), Move(tree.East, tree.West))), HttpStatusCode.Forbidden);

        Assert.Equal(tree.California.ToString(), Text(await company.Admin.GetGroupAsync(tree.LosAngeles), "parentId"));
    }

    [StoreFact]
    public async Task BulkMove_WithAnEmptyList_Returns400WithTheVendorsMessage()
    {
        var company = await app.NewCompanyAsync();

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups/bulkMove", new JsonArray()), HttpStatusCode.BadRequest);

        Assert.Equal(["No groups provided for bulk move."], messages);
    }

    [StoreFact]
    public async Task BulkMove_WithBadEntries_Returns400NamingEach_AndMovesNothing()
    {
        var (company, tree) = await NewTreeAsync();
        var good = Move(tree.Oregon, tree.East);
        var badOp = Move(tree.California, tree.East);
        badOp["op"] = "add";
        var badPath = Move(tree.California, tree.East);
        badPath["path"] = $"{tree.California}/name";
        var unknown = Move(Guid.NewGuid(), tree.East);
        var unknownParent = Move(tree.LosAngeles, Guid.NewGuid());

        var messages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups/bulkMove",
            new JsonArray(good, badOp, badPath, new JsonObject { ["op"] = "replace" }, JsonValue.Create(3))), HttpStatusCode.BadRequest);
        var unknownMessages = await HttpAssert.ExpectErrorAsync(await company.Admin.PostJsonAsync("/v1/groups/bulkMove",
            new JsonArray(Move(tree.Oregon, tree.East), unknown, unknownParent, Move(tree.Oregon, tree.West))), HttpStatusCode.BadRequest);

        Assert.Contains(messages, m => m.StartsWith("[1].op", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[2].path", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[3].path", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[3].value", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("[4]", StringComparison.Ordinal));
        Assert.Contains(unknownMessages, m => m.StartsWith("[1].path", StringComparison.Ordinal));
        Assert.Contains(unknownMessages, m => m.StartsWith("[2].value", StringComparison.Ordinal));
        Assert.Contains(unknownMessages, m => m.StartsWith("[3].path", StringComparison.Ordinal) && m.Contains("[0]", StringComparison.Ordinal));
        Assert.Equal(tree.West.ToString(), Text(await company.Admin.GetGroupAsync(tree.Oregon), "parentId"));
    }

    [StoreFact]
    public async Task BulkMove_OfAGroupOfAnotherCompany_Returns400NamingIt_AndLeavesIt()
    {
        var other = await app.NewCompanyAsync();
        var otherWest = await other.Admin.CreateGroupAsync("West", other.RootId);
        var company = await app.NewCompanyAsync();

        await HttpAssert.ExpectBadRequestNamingAsync(
            await company.Admin.PostJsonAsync("/v1/groups/bulkMove", new JsonArray(Move(otherWest, company.RootId))), "[0].path");

        Assert.Equal(other.RootId.ToString(), Text(await other.Admin.GetGroupAsync(otherWest), "parentId"));
    }

    /// <summary>A chain of groups below <paramref name="top"/>, one per level; returns their ids, top down.</summary>
    internal static async Task<List<Guid>> ChainAsync(TestCompany company, Guid top, int levels)
    {
        var chain = new List<Guid>();
        var parent = top;
        for (var i = 0; i < levels; i++)
        {
            parent = await company.AddGroupAsync($"Level {i}", parent);
            chain.Add(parent);
        }
        return chain;
    }

    /// <summary>root → West → {California → Los Angeles, Oregon}; root → East.</summary>
    private async Task<(TestCompany Company, Tree Tree)> NewTreeAsync()
    {
        var company = await app.NewCompanyAsync();
        var west = await company.Admin.CreateGroupAsync("West", company.RootId);
        var california = await company.Admin.CreateGroupAsync("California", west);
        var losAngeles = await company.Admin.CreateGroupAsync("Los Angeles", california);
        var oregon = await company.Admin.CreateGroupAsync("Oregon", west);
        var east = await company.Admin.CreateGroupAsync("East", company.RootId);
        return (company, new Tree(west, california, losAngeles, oregon, east));
    }

    private sealed record Tree(Guid West, Guid California, Guid LosAngeles, Guid Oregon, Guid East);
}
