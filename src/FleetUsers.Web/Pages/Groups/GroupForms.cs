using System.Globalization;
using FleetUsers.Domain.Groups;

namespace FleetUsers.Web.Pages.Groups;

/// <summary>The forms of the groups page as posted: every value a string; the service's rules word the refusals.</summary>
public sealed class GroupEditForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    /// <summary>The revision the form was opened at: a change since is "changed by someone else", never overwritten.</summary>
    public string? Revision { get; set; }

    /// <summary>A rename and description; the parent stays (a key left out keeps its value).</summary>
    public GroupDraft Draft() => new() { Name = Name ?? "", Description = EmptyAsNull(Description), HasParentId = false };

    public IReadOnlyCollection<int>? IfMatch() =>
        int.TryParse(Revision, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? [revision] : null;

    public static string? EmptyAsNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

public sealed class GroupMoveForm
{
    public string? ParentId { get; set; }
    public string? Revision { get; set; }

    public bool TryRead(out GroupDraft draft)
    {
        draft = new GroupDraft { HasName = false, HasDescription = false, ParentId = Guid.TryParse(ParentId, out var id) ? id : null };
        return draft.ParentId is not null;
    }

    public IReadOnlyCollection<int>? IfMatch() =>
        int.TryParse(Revision, NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? [revision] : null;
}

public sealed class SubgroupForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }

    public GroupDraft Draft(Guid parentId) => new() { Name = Name ?? "", Description = GroupEditForm.EmptyAsNull(Description), ParentId = parentId };
}

/// <summary>The delete button's form: the group is the page's; nothing else is posted.</summary>
public sealed class GroupDeleteForm
{
    public string? Confirm { get; set; }
}
