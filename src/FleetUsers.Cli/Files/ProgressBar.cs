using System.Diagnostics;
using System.Globalization;
using FleetUsers.Application.Transfer;

namespace FleetUsers.Cli.Files;

/// <summary>
/// Shows how far an import is, on the error stream (so standard output stays clean): on a
/// terminal a bar redrawn in place at most ten times a second; elsewhere (a log, a pipe) one
/// line per tenth of each phase.
/// </summary>
public sealed class ProgressBar(TextWriter writer, bool interactive) : IProgress<ImportProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private ImportPhase? _phase;
    private int _lastTenth = -1;

    public void Report(ImportProgress value)
    {
        var fraction = value.Total == 0 ? 1.0 : (double)value.Done / value.Total;
        var finished = value.Done >= value.Total;
        if (value.Phase != _phase)
        {
            if (interactive && _phase is not null)
            {
                writer.WriteLine();
            }
            _phase = value.Phase;
            _lastTenth = -1;
        }
        if (interactive)
        {
            if (!finished && _sinceDrawn.ElapsedMilliseconds < 100)
            {
                return;
            }
            _sinceDrawn.Restart();
            var filled = (int)(fraction * Width);
            writer.Write($"\r{Label(value.Phase)} [{new string('#', filled)}{new string('.', Width - filled)}] {Describe(value, fraction)}");
            if (finished)
            {
                writer.WriteLine();
                _phase = null;
            }
            return;
        }
        var tenth = (int)(fraction * 10);
        if (tenth > _lastTenth)
        {
            _lastTenth = tenth;
            writer.WriteLine($"{Label(value.Phase)} {Describe(value, fraction)}");
        }
    }

    private static string Label(ImportPhase phase) => phase == ImportPhase.Checking ? "Checking rows" : "Writing users";

    private static string Describe(ImportProgress value, double fraction) =>
        string.Create(CultureInfo.InvariantCulture, $"{fraction,4:P0} {value.Done:N0}/{value.Total:N0}");
}
