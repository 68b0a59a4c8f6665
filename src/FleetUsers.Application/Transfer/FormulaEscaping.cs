using System.Buffers;

namespace FleetUsers.Application.Transfer;

/// <summary>
/// CSV formula injection (CWE-1236): a spreadsheet runs a field that starts with <c>=</c>,
/// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return as a formula. The export writes such
/// a field with a leading apostrophe, which makes it text; the import removes exactly that
/// apostrophe, so an export imports back unchanged. A value that itself starts with an
/// apostrophe followed by one of those characters (or by another apostrophe) gets one more, so it
/// survives the round trip too; any other apostrophe (<c>'t Hart</c>) is left as it is.
/// </summary>
public static class FormulaEscaping
{
    public const char Mark = '\'';

    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    /// <summary>The field as the export writes it.</summary>
    public static string Escape(string value) =>
        value.Length > 0 && (FormulaStarts.Contains(value[0]) || IsEscaped(value)) ? Mark + value : value;

    /// <summary>The value a field of an import file stands for: one leading mark of <see cref="Escape"/> removed.</summary>
    public static string Unescape(string field) => IsEscaped(field) ? field[1..] : field;

    private static bool IsEscaped(string field) =>
        field.Length > 1 && field[0] == Mark && (FormulaStarts.Contains(field[1]) || field[1] == Mark);
}
