using System.Diagnostics;

namespace FleetUsers.Api.Http;

/// <summary>
/// One line per request: method, path (never the query string, which may carry search text),
/// status and time. Like every line logged while a request runs, it carries the request's
/// RequestId and TraceId in its scopes (console: JSON with scopes, see appsettings.json).
/// Headers and bodies are never logged: they hold passwords and tokens.
/// </summary>
public static partial class RequestLog
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("FleetUsers.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Answered(logger, context.Request.Method, context.Request.Path.Value ?? "", context.Response.StatusCode,
                    Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1));
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
