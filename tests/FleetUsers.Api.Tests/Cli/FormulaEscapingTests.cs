using CsCheck;
using FleetUsers.Application.Transfer;

namespace FleetUsers.Api.Tests.Cli;

/// <summary>The export's escaping of fields a spreadsheet would run as formulas, and the import's undoing of it.</summary>
public sealed class FormulaEscapingTests
{
    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@boss", "'@boss")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("'=literal", "''=literal")]
    [InlineData("''", "'''")]
    [InlineData("'t Hart", "'t Hart")]
    [InlineData("'", "'")]
    [InlineData("Smith", "Smith")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void Escape_PrefixesFormulasAndMarksThatWouldBeMistakenForOne(string value, string escaped)
    {
        Assert.Equal(escaped, FormulaEscaping.Escape(value));
        Assert.Equal(value, FormulaEscaping.Unescape(escaped));
    }

    [Fact]
    public void EveryValue_SurvivesTheRoundTrip_AndNoEscapedFieldStartsAFormula()
    {
        Gen.String[Gen.Char["=+-@\t\r'a "], 0, 6].Sample(value =>
        {
            var escaped = FormulaEscaping.Escape(value);
            return FormulaEscaping.Unescape(escaped) == value && (escaped.Length == 0 || "=+-@\t\r".IndexOf(escaped[0], StringComparison.Ordinal) < 0);
        });
    }
}
