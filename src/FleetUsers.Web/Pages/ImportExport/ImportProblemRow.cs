using System.Globalization;
using System.Text.RegularExpressions;
using FleetUsers.Application.Transfer;

namespace FleetUsers.Web.Pages.ImportExport;

/// <summary>One problem of the import's report as the page lists it: the line, the column it names (if any), the service's words.</summary>
public sealed partial record ImportProblemRow(string Line, string? Field, string Problem)
{
    public static ImportProblemRow Of(ImportProblem problem)
    {
        // The service starts a row's message with the column it is about ("email must be ...", "groupRoles[1] group ...").
        var match = FieldPattern().Match(problem.Message);
        var field = match.Success && UserFileFormat.Columns.Contains(match.Groups[2].Value, StringComparer.Ordinal) ? match.Groups[1].Value : null;
        return new ImportProblemRow(problem.Line > 0 ? problem.Line.ToString(CultureInfo.InvariantCulture) : "whole file", field, problem.Message);
    }

    [GeneratedRegex(@"^(([a-zA-Z]+)(\[\d{1,6}\])?)\b")]
    private static partial Regex FieldPattern();
}
