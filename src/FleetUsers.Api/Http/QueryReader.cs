using System.Globalization;
using FleetUsers.Api.OpenApi;
using FleetUsers.Domain;

namespace FleetUsers.Api.Http;

/// <summary>
/// Reads query-string parameters, collecting a problem for each bad or unknown one
/// instead of stopping at the first. Names match in any case, as ASP.NET Core's own binding does.
/// The parameters are the ones the endpoint declares for the OpenAPI document (one list for both):
/// any other is unknown, and reading one it does not declare is a mistake in the code.
/// </summary>
public sealed class QueryReader(IQueryCollection query, IReadOnlyList<QueryParameter> declared)
{
    public List<string> Problems { get; } = UnknownProblems(query, declared);

    public IEnumerable<string> Values(string name) =>
        query.TryGetValue(Declared(name), out var values) ? values.Where(v => v is not null).Select(v => v!) : [];

    /// <summary>A parameter that may be given once.</summary>
    public string? Single(string name)
    {
        if (!query.TryGetValue(Declared(name), out var values))
        {
            return null;
        }
        if (values.Count > 1)
        {
            Problems.Add($"{name} is given more than once");
            return null;
        }
        return values[0];
    }

    public bool? Boolean(string name)
    {
        var value = Single(name);
        if (value is null)
        {
            return null;
        }
        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }
        Problems.Add($"{name} must be true or false");
        return null;
    }

    public int? Integer(string name, int min, int max)
    {
        var value = Single(name);
        if (value is null)
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Problems.Add($"{name} must be an integer from {min} to {max}");
        return null;
    }

    /// <summary>A UUID given once; null when absent, or (with <paramref name="problem"/>) when it is not a UUID.</summary>
    public Guid? Uuid(string name, string problem)
    {
        var value = Single(name);
        if (value is null)
        {
            return null;
        }
        if (Guid.TryParse(value, out var id))
        {
            return id;
        }
        Problems.Add(problem);
        return null;
    }

    /// <summary>Every UUID given for a repeatable parameter (optionally also comma-separated), each bad one a problem.</summary>
    public List<Guid> Uuids(string name, bool commaSeparated = false)
    {
        var ids = new List<Guid>();
        var values = commaSeparated ? Values(name).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)) : Values(name);
        foreach (var value in values)
        {
            if (Guid.TryParse(value, out var id))
            {
                ids.Add(id);
            }
            else
            {
                Problems.Add($"{name} {value} is not a UUID");
            }
        }
        return ids.Distinct().ToList();
    }

    /// <summary>One of an enum's values by name in any case; <paramref name="absent"/> when not given, null (and the problem) when not one of them.</summary>
    public T? Choice<T>(string name, T absent, string problem) where T : struct, Enum
    {
        var value = Single(name);
        if (value is null)
        {
            return absent;
        }
        foreach (var choice in Enum.GetValues<T>())
        {
            if (choice.ToString().Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return choice;
            }
        }
        Problems.Add(problem);
        return null;
    }

    /// <summary>The <c>order</c> parameter: true for desc, false for asc or when not given.</summary>
    public bool Descending()
    {
        var order = Single("order");
        if (order is not null && !order.Equals("asc", StringComparison.OrdinalIgnoreCase) && !order.Equals("desc", StringComparison.OrdinalIgnoreCase))
        {
            Problems.Add("order must be asc or desc");
        }
        return string.Equals(order, "desc", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A UUID in the path: anything else is a 400 naming the segment.</summary>
    public static Guid PathId(string name, string value) =>
        Guid.TryParse(value, out var id) ? id : throw new ValidationFailedException([$"{name} must be a UUID"]);

    private string Declared(string name) =>
        declared.Any(p => p.Name == name) ? name : throw new InvalidOperationException($"the endpoint declares no query parameter {name}");

    private static List<string> UnknownProblems(IQueryCollection query, IReadOnlyList<QueryParameter> declared) =>
        query.Keys
            .Where(key => !declared.Any(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase)))
            .Select(key => $"{key} is not a known query parameter")
            .ToList();
}
