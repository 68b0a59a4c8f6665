using FleetUsers.Application.Changes;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Application.Groups;

/// <summary>
/// What an import will do, row by row, decided against the tree and the groups the file adds
/// before it: a group is imported, exists already (and is visible to the caller), fails (its
/// parent is not there or not the caller's to change, or a group it may not see has the name;
/// its description breaks the rules) or has an invalid name.
/// </summary>
internal sealed class GroupImportPlan(Caller caller, GroupTree tree, Reach reach, DateTimeOffset now)
{
    private readonly Dictionary<Guid, List<Group>> _addedChildren = [];
    private readonly Dictionary<Guid, (string FullPath, string FullPathId)> _paths = [];
    private readonly HashSet<Guid> _added = [];
    private readonly List<(int Line, string Text)> _imported = [];
    private readonly List<(int Line, string Text)> _existing = [];
    private readonly List<(int Line, string Text)> _failed = [];
    private readonly List<(int Line, string Text)> _invalid = [];

    public List<Group> NewGroups { get; } = [];

    public List<GroupAuditEntry> NewEntries { get; } = [];

    public void Add(GroupImportRow row)
    {
        var written = string.Join('\\', row.ParentPath.Select(n => n.Trim()).Append(row.Name.Trim()));
        if (GroupRules.Check(new GroupDraft { Name = row.Name }).Group is null)
        {
            _invalid.Add((row.Line, row.Name));
            return;
        }
        var (valid, _) = GroupRules.Check(new GroupDraft { Name = row.Name, Description = row.Description });
        var parent = FindParent(row.ParentPath);
        var existing = parent is null || valid is null ? null : ChildrenOf(parent.Id).FirstOrDefault(c => GroupRules.SameName(c.Name, valid.Name));
        if (existing is not null && Visible(existing))
        {
            // A group the caller sees is reported as existing even where it may not see the parent (its own top group).
            _existing.Add((row.Line, PathsOf(existing).FullPath));
            return;
        }
        if (valid is null || parent is null || existing is not null || !Manages(parent))
        {
            _failed.Add((row.Line, written));
            return;
        }
        var group = new Group(Guid.CreateVersion7(now), caller.CompanyId, parent.Id, valid.Name, valid.Description, now, now, 1);
        var (parentPath, parentPathId) = PathsOf(parent);
        var paths = ($"{parentPath}\\{group.Name}", $"{parentPathId}\\{group.Id}");
        _paths[group.Id] = paths;
        if (!_addedChildren.TryGetValue(parent.Id, out var siblings))
        {
            _addedChildren[parent.Id] = siblings = [];
        }
        siblings.Add(group);
        _added.Add(group.Id);
        NewGroups.Add(group);
        NewEntries.Add(GroupEntries.Of(caller, GroupAuditAction.Import, group, tree.Root!.Id, paths.Item1, paths.Item2));
        _imported.Add((row.Line, paths.Item1));
    }

    public GroupImportReport Report() => new(InFileOrder(_imported), InFileOrder(_existing), InFileOrder(_failed), InFileOrder(_invalid));

    /// <summary>The group the names lead to from the root (letter case ignored), counting groups the file adds.</summary>
    private Group? FindParent(IReadOnlyList<string> line)
    {
        if (tree.Root is not { } root || line.Count == 0 || !GroupRules.SameName(root.Name, line[0].Trim()))
        {
            return null;
        }
        var current = root;
        foreach (var name in line.Skip(1))
        {
            current = ChildrenOf(current.Id).FirstOrDefault(c => GroupRules.SameName(c.Name, name.Trim()));
            if (current is null)
            {
                return null;
            }
        }
        return current;
    }

    private IEnumerable<Group> ChildrenOf(Guid parentId) =>
        _addedChildren.TryGetValue(parentId, out var added) ? tree.Children(parentId).Concat(added) : tree.Children(parentId);

    /// <summary>Groups the file adds are the caller's: each went under a parent it is Group Manager over.</summary>
    private bool IsNew(Group group) => _added.Contains(group.Id);

    private bool Visible(Group group) => IsNew(group) || reach.VisibleGroups.Contains(group.Id);

    private bool Manages(Group group) => IsNew(group) || reach.CanManageGroupTree(group.Id);

    private (string FullPath, string FullPathId) PathsOf(Group group)
    {
        if (!_paths.TryGetValue(group.Id, out var paths))
        {
            _paths[group.Id] = paths = (tree.FullPath(group.Id), tree.FullPathId(group.Id));
        }
        return paths;
    }

    private static List<string> InFileOrder(List<(int Line, string Text)> entries) =>
        entries.OrderBy(e => e.Line).Select(e => e.Text).ToList();
}
