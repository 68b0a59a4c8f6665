namespace FleetUsers.Web.Pages.ImportExport;

/// <summary>How large a file the console's import takes (larger ones go through the command line, which has no limit).</summary>
public static class ImportLimits
{
    /// <summary>4 MiB: about 25,000 users of the demo's kind, checked and written within one request.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The page's request body limit (instead of the API's <c>Limits:MaxBodyBytes</c>): room for a file over
    /// <see cref="MaxFileBytes"/> to arrive, so that it is refused with the page's message rather than the host's 413.
    /// </summary>
    public const int MaxRequestBytes = 4 * MaxFileBytes;

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024)} KB");
}
