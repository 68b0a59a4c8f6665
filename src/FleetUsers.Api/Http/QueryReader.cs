using System.Globalization;

namespace FleetUsers.Api.Http;

/// <summary>
/// Reads query-string parameters, collecting a problem for each bad or unknown one
/// instead of stopping at the first. Names match in any case, as ASP.NET Core's own binding does.
/// </summary>
public sealed class QueryReader(IQueryCollection query, params string[] known)
{
    public List<string> Problems { get; } = UnknownProblems(query, known);

    public IEnumerable<string> Values(string name) =>
        query.TryGetValue(name, out var values) ? values.Where(v => v is not null).Select(v => v!) : [];

    /// <summary>A parameter that may be given once.</summary>
    public string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values))
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

    private static List<string> UnknownProblems(IQueryCollection query, string[] known) =>
        query.Keys
            .Where(key => !known.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => $"{key} is not a known query parameter")
            .ToList();
}
