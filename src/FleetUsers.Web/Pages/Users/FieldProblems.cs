using System.Text.RegularExpressions;

namespace FleetUsers.Web.Pages.Users;

/// <summary>
/// The problems a refused save reported, placed next to what they are about: each message starts
/// with the field it names, as the API words it ("email must be a valid email address",
/// "groupRoles[1].roleId ..."). Every message is also listed above the form (<see cref="All"/>), so one
/// about no field the form shows is never lost.
/// </summary>
public sealed partial class FieldProblems
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);
    private readonly Dictionary<int, List<string>> _byRow = [];

    public static readonly FieldProblems None = new([], _ => null);

    /// <param name="problems">The messages, in the order the service gave them.</param>
    /// <param name="formRowOf">The form's row for the n-th group role sent (blank and removed rows are not sent), or null.</param>
    public FieldProblems(IEnumerable<string> problems, Func<int, int?> formRowOf)
    {
        foreach (var problem in problems)
        {
            All.Add(problem);
            var row = RowPattern().Match(problem);
            if (row.Success && formRowOf(int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) is { } formRow)
            {
                Add(_byRow, formRow, problem);
                continue;
            }
            var field = FieldPattern().Match(problem);
            if (field.Success)
            {
                Add(_byField, field.Groups[1].Value, problem);
            }
        }
    }

    public List<string> All { get; } = [];

    public bool Any => All.Count > 0;

    public IReadOnlyList<string> Of(string field) => _byField.GetValueOrDefault(field) ?? [];

    /// <summary>
    /// The attributes of the input for <paramref name="field"/>: described by its hint (the element with id
    /// <paramref name="hintId"/>) and by its problems (<c>{field}-error</c>, see FieldError), and invalid when it has some.
    /// </summary>
    public Dictionary<string, object> InputAttributes(string field, string? hintId = null)
    {
        var attributes = new Dictionary<string, object>();
        var ids = new List<string>();
        if (hintId is not null)
        {
            ids.Add(hintId);
        }
        if (Of(field).Count > 0)
        {
            ids.Add(ErrorId(field));
            attributes["aria-invalid"] = "true";
        }
        if (ids.Count > 0)
        {
            attributes["aria-describedby"] = string.Join(' ', ids);
        }
        return attributes;
    }

    public static string ErrorId(string field) => field + "-error";

    public IReadOnlyList<string> OfRow(int formRow) => _byRow.GetValueOrDefault(formRow) ?? [];

    private static void Add<TKey>(Dictionary<TKey, List<string>> map, TKey key, string problem) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }
        list.Add(problem);
    }

    [GeneratedRegex(@"^groupRoles\[(\d{1,4})\]")]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"^([a-zA-Z]+)\b")]
    private static partial Regex FieldPattern();
}
