using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FleetUsers.Application.Transfer;

/// <summary>What reading an import file gave: its rows, rows that are not readable CSV, or a header that cannot be used.</summary>
public sealed record CsvReadResult(IReadOnlyList<UserFileRow> Rows, IReadOnlyList<ImportProblem> Problems, string? HeaderProblem);

/// <summary>
/// The users file as CSV (RFC 4180, UTF-8, a header row naming the columns in any order and
/// letter case). Line numbers count physical lines from the header (line 1), so a report
/// points at the line an editor shows, even when a quoted field spans lines. Fields a
/// spreadsheet would run as formulas are escaped on export and unescaped on import
/// (<see cref="FormulaEscaping"/>).
/// </summary>
public static class CsvUserFile
{
    public static CsvReadResult Read(TextReader reader)
    {
        var badData = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = args => badData.Add(args.Context.Parser?.RawRow ?? 0),
            MissingFieldFound = null,
            HeaderValidated = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(reader, config);
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            return new CsvReadResult([], [], "the file is empty: it needs a header row naming the columns");
        }
        var (columns, headerProblem) = MapHeader(header);
        if (headerProblem is not null)
        {
            return new CsvReadResult([], [], headerProblem);
        }
        var rows = new List<UserFileRow>();
        var problems = new List<ImportProblem>();
        while (csv.Read())
        {
            var parser = csv.Parser;
            var lastLine = parser.RawRow;
            var line = lastLine - InnerLineBreaks(parser.RawRecord);
            if (badData.Remove(lastLine))
            {
                problems.Add(new ImportProblem(line, "the row is not valid CSV (a quote inside an unquoted field, or an unclosed quote)"));
                continue;
            }
            if (parser.Count != header.Length)
            {
                problems.Add(new ImportProblem(line, $"the row has {parser.Count} fields, the header has {header.Length}"));
                continue;
            }
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, index) in columns)
            {
                if (csv.GetField(index) is { Length: > 0 } value)
                {
                    values[column] = FormulaEscaping.Unescape(value);
                }
            }
            rows.Add(new UserFileRow(line, values));
        }
        return new CsvReadResult(rows, problems, null);
    }

    public static async Task WriteAsync(TextWriter writer, IAsyncEnumerable<UserFileRow> rows, CancellationToken ct)
    {
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var column in UserFileFormat.Columns)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync();
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var column in UserFileFormat.Columns)
            {
                csv.WriteField(FormulaEscaping.Escape(row[column] ?? ""));
            }
            await csv.NextRecordAsync();
        }
        await csv.FlushAsync();
    }

    /// <summary>Which column each known name is in; unknown, repeated and missing required columns are refused together.</summary>
    private static (Dictionary<string, int> Columns, string? Problem) MapHeader(string[] header)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim();
            var known = UserFileFormat.Columns.FirstOrDefault(c => c.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                problems.Add($"column {name} is not known");
            }
            else if (!columns.TryAdd(known, i))
            {
                problems.Add($"column {known} is given more than once");
            }
        }
        problems.AddRange(UserFileFormat.RequiredColumns.Where(c => !columns.ContainsKey(c)).Select(c => $"column {c} is required"));
        return problems.Count == 0
            ? (columns, null)
            : (columns, $"the header (line 1) cannot be used: {string.Join("; ", problems)}. Known columns: {string.Join(",", UserFileFormat.Columns)}");
    }

    private static int InnerLineBreaks(string? raw) =>
        raw is null ? 0 : raw.TrimEnd('\r', '\n').Count(c => c == '\n');
}
