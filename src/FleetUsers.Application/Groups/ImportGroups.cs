using FleetUsers.Application.Changes;
using FleetUsers.Domain;
using FleetUsers.Domain.Access;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Groups;
using FleetUsers.Application.Ports;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application.Groups;

/// <summary>
/// One row of a group import file: the group's name and description, and the names of its parent's
/// line from the root (the vendor's "Lytx Account Parent Group", then "Sub-Group (2nd Hierarchy)" ...).
/// </summary>
public sealed record GroupImportRow(int Line, string Name, string? Description, IReadOnlyList<string> ParentPath);

/// <summary>What an import did with each row, as backslash paths (invalid names as written).</summary>
public sealed record GroupImportReport(
    IReadOnlyList<string> ImportedGroups,
    IReadOnlyList<string> ExistingGroups,
    IReadOnlyList<string> GroupsFailedToImport,
    IReadOnlyList<string> InvalidGroupNames);

/// <summary>
/// POST /v1/groups/bulkImport: creates the groups a file lists that do not exist yet, each under a
/// parent that exists (or that an earlier level of the same file creates) and that the caller is
/// Group Manager over. Idempotent: a group that exists (same name, any letter case, same parent) is
/// reported as existing and left as it is. Everything is decided against the tree first, under
/// the company's lock; then the new groups are written in one transaction, or none is.
/// </summary>
public sealed class ImportGroups(IDatabase database, ChangeRecorder changes, TimeProvider clock, IOptions<GroupOptions> options)
{
    public async Task<GroupImportReport> ExecuteAsync(Caller caller, IReadOnlyList<GroupImportRow> rows, CancellationToken ct)
    {
        await using var session = await GroupTreeSession.BeginAsync(database, caller, ct);
        var tree = await session.Groups.LoadTreeAsync(caller.CompanyId, ct);
        var reach = Reach.Of(caller, tree);
        if (!tree.Groups.Any(g => reach.CanManageGroupTree(g.Id)))
        {
            throw new ForbiddenException();
        }
        RequireWithinDepth(rows);
        var plan = new GroupImportPlan(caller, tree, reach, clock.Now());
        // Shallower rows first, so a parent the file itself adds is there for the rows below it.
        foreach (var row in rows.OrderBy(r => r.ParentPath.Count).ThenBy(r => r.Line))
        {
            plan.Add(row);
        }
        GroupChecks.RequireRoomFor(tree, plan.NewGroups.Count, options.Value);
        if (plan.NewGroups.Count > 0)
        {
            await changes.GroupsChangedAsync(session, plan.NewEntries, ct);
            await GroupTreeSession.WriteAsync(session, () => session.Groups.InsertManyAsync(plan.NewGroups, ct), plan.NewGroups[0].Name, ct);
        }
        return plan.Report();
    }

    /// <summary>A row whose parent line fills all 13 hierarchy columns asks for a group at level 14: the file is refused.</summary>
    private static void RequireWithinDepth(IReadOnlyList<GroupImportRow> rows)
    {
        var tooDeep = rows.Where(r => r.ParentPath.Count + 1 > GroupLimits.MaxDepth)
            .Select(r => $"line {r.Line}: the group would be at level {r.ParentPath.Count + 1}; a tree has at most {GroupLimits.MaxDepth} levels (the root is level 1)")
            .ToList();
        if (tooDeep.Count > 0)
        {
            throw new ValidationFailedException([GroupLimits.DepthExceeded, .. tooDeep]);
        }
    }
}
