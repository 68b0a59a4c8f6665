using System.Globalization;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Users;
using FleetUsers.Domain;
using FleetUsers.Domain.Users;

namespace FleetUsers.Api.Users;

/// <summary>Reads the query strings of the user reads, reporting every bad or unknown parameter at once.</summary>
public static class UserQueryReader
{
    public const int MaxIdentifierLength = 50;

    /// <summary>GET /v1/users: what the document shows and the reader accepts.</summary>
    public static readonly QueryParameter[] ListParameters =
    [
        QueryParameter.Uuid("groupId", "Users with a role in this group (repeatable).", repeatable: true),
        QueryParameter.Boolean("includeSubGroups", "With groupId: also users in the groups below it."),
        QueryParameter.Integer("roleId", "Users holding this role (in the groupId groups, when given); repeatable.", repeatable: true),
        QueryParameter.Text("status", "Active or Inactive, any case; repeatable.", repeatable: true),
        QueryParameter.Boolean("loginEnabled", "Only users who may (true) or may not (false) log in."),
        QueryParameter.Text("searchText", $"At most {UserListQuery.MaxSearchTextLength} characters: a case-insensitive substring of \"first last\", username or employee id."),
        QueryParameter.Integer("limit", $"1 to {UserListQuery.MaxLimit}; default {UserListQuery.MaxLimit}."),
        QueryParameter.Integer("offset", "Default 0."),
        QueryParameter.Text("order", "asc (default) or desc, by last name, first name, user id."),
    ];

    /// <summary>GET /v1/users/{userIdentifier}.</summary>
    public static readonly QueryParameter[] LookupParameters =
        [QueryParameter.Text("searchBy", "What userIdentifier is: UserId (default), Username or EmployeeId; any case.")];

    public static UserListQuery ReadList(IQueryCollection query)
    {
        var q = new QueryReader(query, ListParameters);
        var problems = q.Problems;

        var groupIds = q.Uuids("groupId");
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
        if (UserListQuery.SearchTextProblem(searchText) is { } problem)
        {
            problems.Add(problem);
        }
        var descending = q.Descending();
        var result = new UserListQuery
        {
            GroupIds = groupIds,
            IncludeSubGroups = q.Boolean("includeSubGroups") ?? false,
            RoleIds = roleIds.Distinct().ToList(),
            Statuses = statuses.Distinct().ToList(),
            LoginEnabled = q.Boolean("loginEnabled"),
            SearchText = string.IsNullOrEmpty(searchText) ? null : searchText,
            Limit = q.Integer("limit", 1, UserListQuery.MaxLimit) ?? UserListQuery.MaxLimit,
            Offset = q.Integer("offset", 0, int.MaxValue) ?? 0,
            Descending = descending,
        };
        return problems.Count == 0 ? result : throw new ValidationFailedException(problems);
    }

    /// <summary>What the identifier of GET /v1/users/{userIdentifier}?searchBy= is.</summary>
    public static UserLookup ReadLookup(string identifier, IQueryCollection query)
    {
        var q = new QueryReader(query, LookupParameters);
        if (identifier.Length is 0 or > MaxIdentifierLength)
        {
            q.Problems.Add($"userIdentifier must be 1 to {MaxIdentifierLength} characters");
        }
        var lookup = q.Choice("searchBy", UserLookup.UserId, "searchBy must be UserId, Username or EmployeeId");
        return q.Problems.Count == 0 ? lookup!.Value : throw new ValidationFailedException(q.Problems);
    }
}
