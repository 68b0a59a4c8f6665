using System.Globalization;
using FleetUsers.Api.Http;
using FleetUsers.Api.OpenApi;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;
using FleetUsers.Domain.Audit;
using FleetUsers.Domain.Users;
using FleetUsers.Application.Ports;

namespace FleetUsers.Api.Groups;

/// <summary>Reads the query of GET /v1/groups/auditLogs and settles its time window (at most 7 days; by default the last 7).</summary>
public static class GroupAuditQueryReader
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 100;
    public static readonly TimeSpan Window = TimeSpan.FromDays(7);

    /// <summary>What the document shows and the reader accepts.</summary>
    public static readonly QueryParameter[] Parameters =
    [
        QueryParameter.Integer("limit", $"1 to {MaxLimit}; default {DefaultLimit}."),
        QueryParameter.Integer("offset", "Default 0."),
        QueryParameter.Text("userIdentifier", "Only changes by this user: its id or username."),
        QueryParameter.Uuid("groupIdentifier", "Only changes of this group (a deleted one too)."),
        QueryParameter.Boolean("includeSubgroups", "With groupIdentifier: also every group below it."),
        QueryParameter.Text("action", "CREATE, UPDATE, DELETE, IMPORT or MOVE (any case)."),
        QueryParameter.Text("startDate", "ISO 8601, such as 2024-09-07T00:00:00Z; not in the future. Alone: the 7 days from it."),
        QueryParameter.Text("endDate", "ISO 8601; needs startDate, at most 7 days before it."),
        QueryParameter.Text("sort", "updatedDate (default: when the change was made) or createdDate."),
        QueryParameter.Text("order", "desc (default) or asc."),
    ];

    public static GroupAuditQuery Read(IQueryCollection query, DateTimeOffset now)
    {
        var q = new QueryReader(query, Parameters);
        var (userId, username) = Actor(q);
        var groupId = q.Uuid("groupIdentifier", "groupIdentifier must be a group id (a UUID)");
        var action = q.Single("action") is { } actionText
            ? GroupAuditAction.All.FirstOrDefault(a => a.Equals(actionText, StringComparison.OrdinalIgnoreCase))
                ?? Problem<string>(q, $"action must be one of {string.Join(", ", GroupAuditAction.All)}")
            : null;
        var sort = q.Choice("sort", GroupAuditSort.UpdatedDate, "sort must be updatedDate or createdDate");
        var descending = !query.ContainsKey("order") || q.Descending();
        var result = new GroupAuditQuery
        {
            From = DateTimeOffset.MinValue,
            To = DateTimeOffset.MinValue,
            UserId = userId,
            Username = username,
            GroupId = groupId,
            IncludeSubgroups = q.Boolean("includeSubgroups") ?? false,
            Action = action,
            Sort = sort ?? GroupAuditSort.UpdatedDate,
            Descending = descending,
            Limit = q.Integer("limit", 1, MaxLimit) ?? DefaultLimit,
            Offset = q.Integer("offset", 0, int.MaxValue) ?? 0,
        };
        var (from, to) = TimeWindow(q, now);
        return q.Problems.Count == 0 ? result with { From = from, To = to } : throw new ValidationFailedException(q.Problems);
    }

    /// <summary>userIdentifier: the actor's user id, or a username.</summary>
    private static (Guid? UserId, string? Username) Actor(QueryReader q)
    {
        if (q.Single("userIdentifier") is not { } text)
        {
            return (null, null);
        }
        if (Guid.TryParse(text, out var id))
        {
            return (id, null);
        }
        return text.Length > 0 && FieldRules.Username(text) is null
            ? (null, text)
            : (null, Problem<string>(q, $"userIdentifier must be a user id (a UUID) or a username of 1 to {FieldRules.MaxUsernameLength} letters, digits and . _ - @"));
    }

    /// <summary>Neither date: the last 7 days. startDate alone: the 7 days from it. endDate needs startDate, at most 7 days before it.</summary>
    private static (DateTimeOffset From, DateTimeOffset To) TimeWindow(QueryReader q, DateTimeOffset now)
    {
        var start = Date(q, "startDate");
        var end = Date(q, "endDate");
        if (start is { } future && future > now)
        {
            q.Problems.Add("startDate cannot be in the future");
            start = null; // reported; and 7 days after the year 9999 is no date at all
        }
        if (end is not null && start is null && !q.Problems.Any(p => p.StartsWith("startDate", StringComparison.Ordinal)))
        {
            q.Problems.Add("startDate is required with endDate, at most 7 days before it");
        }
        if (start is { } from && end is { } to)
        {
            if (to <= from)
            {
                q.Problems.Add("endDate must be after startDate");
            }
            else if (to - from > Window)
            {
                q.Problems.Add("endDate must be within 7 days after startDate");
            }
        }
        return start is { } s ? (s, end ?? s + Window) : (now - Window, now);
    }

    private static DateTimeOffset? Date(QueryReader q, string name)
    {
        if (q.Single(name) is not { } text)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date.ToUniversalTime();
        }
        q.Problems.Add($"{name} must be a date and time in ISO 8601, such as 2024-09-07T00:00:00Z");
        return null;
    }

    private static T? Problem<T>(QueryReader q, string problem)
    {
        q.Problems.Add(problem);
        return default;
    }
}
