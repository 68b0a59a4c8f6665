namespace FleetUsers.Domain.Roles;

public sealed record Role(int Id, string Name, string Description);

/// <summary>
/// The fixed role catalogue, the same for every company. Ids are published to clients:
/// never renumber them, only append.
/// </summary>
public static class RoleCatalog
{
    public const int Administrator = 1;
    public const int GroupManager = 2;
    public const int Coach = 3;
    public const int Driver = 4;
    public const int VideoReviewer = 5;
    public const int VideoReviewerPlus = 6;

    public static IReadOnlyList<Role> All { get; } =
    [
        new(Administrator, "Administrator", "Reads and manages users in its group and every group below it."),
        new(GroupManager, "Group Manager", "Creates, renames, moves and removes groups in its group and below it."),
        new(Coach, "Coach", "Reads users in its group and every group below it."),
        new(Driver, "Driver", "Drives; grants no user administration."),
        new(VideoReviewer, "Video Reviewer", "Reviews video; may be allowed to download saved videos."),
        new(VideoReviewerPlus, "Video Reviewer Plus", "Reviews video with extended rights; may be allowed to download saved videos."),
    ];

    public static bool Contains(int roleId) => roleId is >= Administrator and <= VideoReviewerPlus;

    /// <summary>The role's name, or its number when the catalogue has no such role.</summary>
    public static string NameOf(int roleId) =>
        All.FirstOrDefault(r => r.Id == roleId)?.Name ?? roleId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Only reviewers may be allowed to download videos from video search.</summary>
    public static bool AllowsVideoDownload(int roleId) => roleId is VideoReviewer or VideoReviewerPlus;
}
