using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace FleetUsers.Application;

/// <summary>
/// What the service and the command line print when they cannot start because of a setting or
/// the database: one line saying what to set or check, in place of a stack trace. A failure
/// this does not recognise (a bug) keeps its stack trace. (A database out of reach at start-up
/// arrives as a <see cref="StartupException"/>: the engine and <see cref="Provisioning.Bootstrapper"/> say so.)
/// </summary>
public static partial class StartupProblems
{
    /// <summary>The line for a start-up failure caused by configuration or the database; null for anything else.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        StartupException e => e.Message,
        OptionsValidationException e => string.Join("; ", e.Failures),
        InvalidOperationException e when ConversionFailure().Match(e.Message) is { Success: true } failure => NotConvertible(failure),
        // A check of a setting that names it (Login:MaxFailuresPerUsername ...): its message is the line.
        InvalidOperationException or ArgumentException when SettingName().IsMatch(exception.Message) => exception.Message,
        AggregateException { InnerExceptions.Count: 1 } e => Describe(e.InnerExceptions[0]),
        _ => null,
    };

    /// <summary>A value the configuration binder could not convert: say what the setting takes.</summary>
    private static string NotConvertible(Match failure)
    {
        var setting = failure.Groups["setting"].Value;
        var type = failure.Groups["type"].Value;
        var expected = type switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Boolean" => "true or false",
            "System.TimeSpan" => "a duration such as 00:15:00",
            _ when EnumNames(type) is { } names => "one of " + names,
            _ => "a " + type[(type.LastIndexOf('.') + 1)..],
        };
        return $"{setting} is \"{failure.Groups["value"].Value}\", which is not {expected}: set {StartupException.Variable(setting)} to {expected}";
    }

    private static string? EnumNames(string typeName) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName)).FirstOrDefault(t => t is { IsEnum: true }) is { } type
            ? string.Join(", ", Enum.GetNames(type))
            : null;

    [GeneratedRegex("^Failed to convert configuration value '(?<value>.*)' at '(?<setting>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"\b(Auth|Login|Storage|Bootstrap|Limits|Metrics|ConnectionStrings|Logging):[A-Z]")]
    private static partial Regex SettingName();
}
