using FleetUsers.Domain.Groups;

namespace FleetUsers.Web.Pages.Users;

/// <summary>A group as a picker offers it: its path from the root, so that two depots of one name are told apart.</summary>
public sealed record GroupChoice(Guid Id, string Label)
{
    /// <summary>The groups in <paramref name="ids"/>, in tree order (each before the groups below it).</summary>
    public static IReadOnlyList<GroupChoice> Of(GroupTree tree, IEnumerable<Guid> ids) =>
        ids.Where(tree.Contains)
            .Distinct()
            .OrderBy(tree.TreeIndex)
            .Select(id => new GroupChoice(id, PathOf(tree, id)))
            .ToList();

    public static string PathOf(GroupTree tree, Guid id) =>
        string.Join(" / ", tree.Ancestry(id).Reverse().Select(g => g.Name));
}
