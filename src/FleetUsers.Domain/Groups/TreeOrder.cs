namespace FleetUsers.Domain.Groups;

/// <summary>
/// Orders groups by fullPath without building it: name by name from the root, letter case
/// ignored, so each group comes right before the groups below it (tree order), then by id. The
/// tree works the order out once (<see cref="GroupTree.TreeIndex"/>), so a list is ordered by
/// comparing two numbers and only its page gets paths of up to 1,312 characters built.
/// </summary>
public sealed class TreeOrder(GroupTree tree) : IComparer<Group>
{
    public int Compare(Group? x, Group? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }
        var byPlace = tree.TreeIndex(x.Id).CompareTo(tree.TreeIndex(y.Id));
        return byPlace != 0 ? byPlace : x.Id.CompareTo(y.Id);
    }
}
