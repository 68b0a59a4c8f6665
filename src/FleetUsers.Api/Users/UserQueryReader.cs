using System.Globalization;
using FleetUsers.Api.Http;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>Reads the query strings of the user reads, reporting every bad or unknown parameter at once.</summary>
public static class UserQueryReader
{
    public const int MaxSearchTextLength = 100;
    public const int MaxIdentifierLength = 50;

    public static UserListQuery ReadList(IQueryCollection query)
    {
        var q = new QueryReader(query,
            "groupId", "roleId", "status", "loginEnabled", "includeSubGroups", "searchText", "limit", "offset", "order");
        var problems = q.Problems;

        var groupIds = new List<Guid>();
        foreach (var value in q.Values("groupId"))
        {
            if (Guid.TryParse(value, out var id))
            {
                groupIds.Add(id);
            }
            else
            {
                problems.Add($"groupId {value} is not a UUID");
            }
        }
        var roleIds = new List<int>();
        foreach (var value in q.Values("roleId"))
        {
            if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                roleIds.Add(id);
            }
            else
            {
                problems.Add($"roleId {value} is not a 32-bit integer");
            }
        }
        var statuses = new List<string>();
        foreach (var value in q.Values("status"))
        {
            if (UserStatus.Canonical(value) is { } status)
            {
                statuses.Add(status);
            }
            else
            {
                problems.Add("status must be Active or Inactive");
            }
        }
        var searchText = q.Single("searchText");
        if (searchText is not null && (searchText.Length > MaxSearchTextLength || searchText.Any(char.IsControl)))
        {
            problems.Add($"searchText must be at most {MaxSearchTextLength} characters, without control characters");
        }
        var order = q.Single("order");
        if (order is not null && !order.Equals("asc", StringComparison.OrdinalIgnoreCase) && !order.Equals("desc", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("order must be asc or desc");
        }
        var result = new UserListQuery
        {
            GroupIds = groupIds.Distinct().ToList(),
            IncludeSubGroups = q.Boolean("includeSubGroups") ?? false,
            RoleIds = roleIds.Distinct().ToList(),
            Statuses = statuses.Distinct().ToList(),
            LoginEnabled = q.Boolean("loginEnabled"),
            SearchText = string.IsNullOrEmpty(searchText) ? null : searchText,
            Limit = q.Integer("limit", 1, UserListQuery.MaxLimit) ?? UserListQuery.MaxLimit,
            Offset = q.Integer("offset", 0, int.MaxValue) ?? 0,
            Descending = string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase),
        };
        return problems.Count == 0 ? result : throw new ValidationFailedException(problems);
    }

    /// <summary>What the identifier of GET /v1/users/{userIdentifier}?searchBy= is.</summary>
    public static UserLookup ReadLookup(string identifier, IQueryCollection query)
    {
        var q = new QueryReader(query, "searchBy");
        if (identifier.Length is 0 or > MaxIdentifierLength)
        {
            q.Problems.Add($"userIdentifier must be 1 to {MaxIdentifierLength} characters");
        }
        var searchBy = q.Single("searchBy");
        var lookup = searchBy is null
            ? UserLookup.UserId
            : Enum.GetValues<UserLookup>().FirstOrDefault(v => v.ToString().Equals(searchBy, StringComparison.OrdinalIgnoreCase), (UserLookup)(-1));
        if (!Enum.IsDefined(lookup))
        {
            q.Problems.Add("searchBy must be UserId, Username or EmployeeId");
        }
        return q.Problems.Count == 0 ? lookup : throw new ValidationFailedException(q.Problems);
    }
}
