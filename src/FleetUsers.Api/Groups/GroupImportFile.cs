using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using FleetUsers.Api.Http;
using FleetUsers.Application.Groups;
using FleetUsers.Domain;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FleetUsers.Api.Groups;

/// <summary>
/// The body of POST /v1/groups/bulkImport: a CSV file (UTF-8, RFC 4180 quoting) in the vendor's
/// fixed format, sent as application/octet-stream (text/csv is accepted too). Line 1 is the header;
/// each further line is a group: its name, its description, "Subgroups" (what an export counts;
/// ignored) and the names of its parent's line from the root: the root's name in "Lytx Account
/// Parent Group", then one name per "Sub-Group (Nth Hierarchy)" column, with no gap. A file that
/// cannot be read this way is refused whole (400), naming each line.
/// </summary>
public sealed class GroupImportFile(IOptions<RequestLimits> limits)
{
    /// <summary>The vendor's own sentence for a file without groups.</summary>
    public const string EmptyFile = "Empty file can not be imported.";

    public static IReadOnlyList<string> Columns { get; } =
    [
        "Group Name", "Description", "Subgroups", "Lytx Account Parent Group",
        .. Enumerable.Range(2, 12).Select(level => $"Sub-Group ({Ordinal(level)} Hierarchy)"),
    ];

    private const int FirstLevelColumn = 3;

    private static readonly string[] MediaTypes = ["application/octet-stream", "text/csv"];

    public async Task<IReadOnlyList<GroupImportRow>> ReadAsync(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)
            || !MediaTypes.Contains(media.MediaType.Value ?? "", StringComparer.OrdinalIgnoreCase))
        {
            throw new MediaTypeRefusedException("the body must be a CSV file sent as application/octet-stream (or text/csv)");
        }
        using var buffer = await RequestBody.ReadAsync(request, limits.Value.MaxBodyBytes);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ValidationFailedException(["the file must be UTF-8 text"]);
        }
        return Parse(text);
    }

    public static IReadOnlyList<GroupImportRow> Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ValidationFailedException([EmptyFile]);
        }
        var badData = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            BadDataFound = args => badData.Add(args.Context.Parser?.RawRow ?? 0),
            MissingFieldFound = null,
            DetectColumnCountChanges = false,
            // Blank lines come through (and are skipped below), so a record starts on the line after the one before it.
            IgnoreBlankLines = false,
        };
        using var csv = new CsvParser(new StringReader(text), config);
        if (!csv.Read())
        {
            throw new ValidationFailedException([EmptyFile]);
        }
        RequireHeader(csv.Record ?? []);
        var rows = new List<GroupImportRow>();
        var problems = new List<string>();
        var lastLine = csv.RawRow;
        while (csv.Read())
        {
            var line = lastLine + 1;
            lastLine = csv.RawRow;
            var fields = csv.Record ?? [];
            if (badData.Remove(csv.RawRow))
            {
                problems.Add($"line {line}: the row is not valid CSV (a quote inside an unquoted field, or an unclosed quote)");
            }
            else if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            else if (Row(line, fields, problems) is { } row)
            {
                rows.Add(row);
            }
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        return rows.Count > 0 ? rows : throw new ValidationFailedException([EmptyFile]);
    }

    private static GroupImportRow? Row(int line, string[] fields, List<string> problems)
    {
        if (fields.Skip(Columns.Count).Any(f => !string.IsNullOrWhiteSpace(f)))
        {
            problems.Add($"line {line}: the row has {fields.Length} fields; the format has {Columns.Count} columns");
            return null;
        }
        string Field(int i) => i < fields.Length ? fields[i].Trim() : "";
        var levels = Enumerable.Range(FirstLevelColumn, Columns.Count - FirstLevelColumn).Select(Field).ToList();
        var deepest = levels.FindLastIndex(name => name.Length > 0);
        if (deepest < 0)
        {
            problems.Add($"line {line}: {Columns[FirstLevelColumn]} is empty; it names the root group, and the columns after it the groups down to the parent");
            return null;
        }
        var gap = levels.FindIndex(name => name.Length == 0);
        if (gap >= 0 && gap < deepest)
        {
            problems.Add($"line {line}: {Columns[FirstLevelColumn + gap]} is empty, but a deeper level is filled");
            return null;
        }
        // Name and description as written: the rules trim them, and a report shows an invalid name as the file has it.
        var description = fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1] : null;
        return new GroupImportRow(line, fields.Length > 0 ? fields[0] : "", description, levels.Take(deepest + 1).ToList());
    }

    private static void RequireHeader(string[] header)
    {
        var names = header.Select(h => h.Trim()).ToList();
        while (names.Count > Columns.Count && names[^1].Length == 0)
        {
            names.RemoveAt(names.Count - 1);
        }
        if (!names.SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException([$"line 1 must be the header of the fixed format: {string.Join(", ", Columns)}"]);
        }
    }

    private static string Ordinal(int n) => n switch
    {
        2 => "2nd",
        3 => "3rd",
        _ => $"{n}th",
    };
}
