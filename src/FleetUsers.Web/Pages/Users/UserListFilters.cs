using FleetUsers.Application.Users;
using FleetUsers.Domain.Roles;
using FleetUsers.Domain.Users;

namespace FleetUsers.Web.Pages.Users;

/// <summary>
/// The users list's search and filters as its address carries them (a GET form, so a filtered list
/// can be bookmarked, shared and reloaded), read into the use case's query with every problem named.
/// </summary>
public sealed record UserListFilters
{
    public const int PageSize = 50;

    public string? Search { get; init; }
    public Guid? GroupId { get; init; }

    /// <summary>Only the chosen group, not the groups below it (the list includes them by default).</summary>
    public bool OnlyThisGroup { get; init; }

    public int? RoleId { get; init; }
    public string? Status { get; init; }
    public bool? LoginEnabled { get; init; }
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;

    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Reads the parameters as the address gave them; a value that cannot be read is named in <see cref="Problems"/>.</summary>
    public static UserListFilters Read(string? search, string? group, string? only, string? role, string? status,
        string? login, string? order, string? page)
    {
        var problems = new List<string>();
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (UserListQuery.SearchTextProblem(search) is not null)
        {
            problems.Add($"Search must be at most {UserListQuery.MaxSearchTextLength} characters, without control characters.");
        }
        Guid? groupId = null;
        if (!string.IsNullOrEmpty(group))
        {
            groupId = Guid.TryParse(group, out var id) ? id : Problem<Guid?>("Group is not a group id.");
        }
        int? roleId = null;
        if (!string.IsNullOrEmpty(role))
        {
            roleId = int.TryParse(role, out var id) && RoleCatalog.Contains(id) ? id : Problem<int?>("Role is not one of the roles.");
        }
        string? canonicalStatus = null;
        if (!string.IsNullOrEmpty(status))
        {
            canonicalStatus = UserStatus.Canonical(status) ?? Problem<string>("Status must be Active or Inactive.");
        }
        bool? loginEnabled = login switch
        {
            null or "" => null,
            "enabled" => true,
            "disabled" => false,
            _ => Problem<bool?>("Sign-in must be enabled or disabled."),
        };
        var descending = order switch
        {
            null or "" or "asc" => false,
            "desc" => true,
            _ => Problem<bool?>("Order must be asc or desc.") ?? false,
        };
        var pageNumber = 1;
        if (!string.IsNullOrEmpty(page) && (!int.TryParse(page, out pageNumber) || pageNumber < 1 || pageNumber > MaxPage))
        {
            problems.Add($"Page must be a whole number from 1 to {MaxPage}.");
            pageNumber = 1;
        }
        return new UserListFilters
        {
            Search = search,
            GroupId = groupId,
            OnlyThisGroup = only is "on" or "true",
            RoleId = roleId,
            Status = canonicalStatus,
            LoginEnabled = loginEnabled,
            Descending = descending,
            Page = pageNumber,
            Problems = problems,
        };

        T? Problem<T>(string message)
        {
            problems.Add(message);
            return default;
        }
    }

    /// <summary>The last page one may ask for: its offset still fits in an int.</summary>
    private const int MaxPage = int.MaxValue / PageSize;

    public UserListQuery ToQuery() => new()
    {
        GroupIds = GroupId is { } group ? [group] : [],
        IncludeSubGroups = !OnlyThisGroup,
        RoleIds = RoleId is { } role ? [role] : [],
        Statuses = Status is { } status ? [status] : [],
        LoginEnabled = LoginEnabled,
        SearchText = Search,
        Limit = PageSize,
        Offset = (Page - 1) * PageSize,
        Descending = Descending,
    };

    /// <summary>The address parameters of these filters on another page (null: the parameter left out).</summary>
    public IReadOnlyDictionary<string, object?> Parameters(int page) => new Dictionary<string, object?>
    {
        ["q"] = Search,
        ["group"] = GroupId?.ToString(),
        ["only"] = OnlyThisGroup ? "on" : null,
        ["role"] = RoleId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status,
        ["login"] = LoginEnabled switch { true => "enabled", false => "disabled", null => null },
        ["order"] = Descending ? "desc" : null,
        ["page"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
