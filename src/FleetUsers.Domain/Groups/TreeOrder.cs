namespace FleetUsers.Domain.Groups;

/// <summary>
/// Orders groups by fullPath without building it: name by name from the root, letter case
/// ignored, so each group comes right before the groups below it (tree order), then by id.
/// Comparing names rather than joined strings costs a few references per group instead of a
/// path of up to 1,312 characters, so a list can be ordered and only its page given paths.
/// </summary>
public sealed class TreeOrder(GroupTree tree) : IComparer<Group>
{
    private readonly Dictionary<Guid, Group[]> _lines = [];

    public int Compare(Group? x, Group? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }
        var a = LineOf(x);
        var b = LineOf(y);
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (ReferenceEquals(a[i], b[i]))
            {
                continue;
            }
            var byName = string.Compare(a[i].Name, b[i].Name, StringComparison.OrdinalIgnoreCase);
            // Siblings differ in name; the id only orders legacy rows whose names fold alike.
            return byName != 0 ? byName : a[i].Id.CompareTo(b[i].Id);
        }
        var byDepth = a.Length.CompareTo(b.Length);
        return byDepth != 0 ? byDepth : x.Id.CompareTo(y.Id);
    }

    /// <summary>The groups from the root down to the group.</summary>
    private Group[] LineOf(Group group)
    {
        if (!_lines.TryGetValue(group.Id, out var line))
        {
            _lines[group.Id] = line = [.. tree.Ancestry(group.Id).Reverse()];
        }
        return line;
    }
}
