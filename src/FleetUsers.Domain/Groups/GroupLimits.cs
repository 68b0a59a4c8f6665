namespace FleetUsers.Domain.Groups;

/// <summary>
/// How deep a company's tree may grow. The Lytx group import format names thirteen hierarchy
/// levels ("Lytx Account Parent Group", then "Sub-Group (2nd Hierarchy)" to "Sub-Group (13th
/// Hierarchy)"), so a tree of at most 13 levels, the root being level 1, is one every group of
/// which that format can place. With names of at most 100 characters, a fullPath is then at
/// most 1,312 characters and a fullPathId at most 480.
/// </summary>
public static class GroupLimits
{
    public const int MaxDepth = 13;

    /// <summary>The vendor's own sentence, so clients written against it recognise the refusal.</summary>
    public const string DepthExceeded = "Request exceeds maximum group hierarchy depth.";

    /// <summary>
    /// Why a subtree <paramref name="height"/> levels tall (1: a single group) cannot hang under
    /// <paramref name="parentId"/>, or null when it fits.
    /// </summary>
    public static string? DepthProblem(GroupTree tree, Guid parentId, int height)
    {
        var deepest = tree.Level(parentId) + height;
        if (deepest <= MaxDepth)
        {
            return null;
        }
        var what = height == 1 ? "the group" : $"the group and the {height - 1} level(s) below it";
        return $"{DepthExceeded} parentId {parentId} is at level {tree.Level(parentId)}, so {what} would reach level {deepest};"
            + $" a tree has at most {MaxDepth} levels (the root is level 1)";
    }

    /// <summary>Why a company of <paramref name="existing"/> groups cannot take <paramref name="adding"/> more, or null when it can.</summary>
    public static string? CountProblem(int existing, int adding, int max) => existing + adding <= max ? null
        : $"the company has {existing} groups and may have at most {max}, so {adding} more cannot be added; delete groups first";
}
