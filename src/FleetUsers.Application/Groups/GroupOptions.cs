namespace FleetUsers.Application.Groups;

/// <summary>Bound from <c>Groups:*</c>.</summary>
public sealed class GroupOptions
{
    /// <summary>
    /// The most groups one company may have. A list answers at most 10,000 groups a page, so a
    /// tree of this size is one page; at the deepest level (13) with 100-character names that
    /// page is about 21 MB (see the README, "Group tree limits").
    /// </summary>
    public int MaxGroupsPerCompany { get; set; } = 10_000;
}
