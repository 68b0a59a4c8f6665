using FleetUsers.Domain.Groups;

namespace FleetUsers.Domain.Tests.Support;

/// <summary>
/// A small company tree used across the tests:
/// <code>
/// Acme (root, level 1)
/// ├── West (2)
/// │   ├── Seattle (3)
/// │   └── Portland (3)
/// └── East (2)
///     └── Boston (3)
/// </code>
/// </summary>
public static class SampleTree
{
    public static readonly Guid CompanyId = new("00000000-0000-0000-0000-0000000000c0");
    public static readonly Guid Root = new("00000000-0000-0000-0000-000000000001");
    public static readonly Guid West = new("00000000-0000-0000-0000-000000000002");
    public static readonly Guid East = new("00000000-0000-0000-0000-000000000003");
    public static readonly Guid Seattle = new("00000000-0000-0000-0000-000000000004");
    public static readonly Guid Portland = new("00000000-0000-0000-0000-000000000005");
    public static readonly Guid Boston = new("00000000-0000-0000-0000-000000000006");

    /// <summary>An id that is in no tree.</summary>
    public static readonly Guid Unknown = new("00000000-0000-0000-0000-0000000000ff");

    public static IReadOnlyList<Group> Groups() =>
    [
        NewGroup(Root, null, "Acme"),
        NewGroup(West, Root, "West"),
        NewGroup(East, Root, "East"),
        NewGroup(Seattle, West, "Seattle"),
        NewGroup(Portland, West, "Portland"),
        NewGroup(Boston, East, "Boston"),
    ];

    public static GroupTree Build() => new(Groups());

    public static Group NewGroup(Guid id, Guid? parentId, string name) =>
        new(id, CompanyId, parentId, name, Description: null,
            CreatedDate: DateTimeOffset.UnixEpoch, UpdatedDate: DateTimeOffset.UnixEpoch, Revision: 1);
}
