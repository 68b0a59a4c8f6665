using FleetUsers.Api.Hosting;
using FleetUsers.Domain;
using FleetUsers.Application.Ports;
using Microsoft.AspNetCore.Diagnostics;

namespace FleetUsers.Api.Http;

/// <summary>
/// The one place where outcomes become status codes and bodies. Handlers throw the
/// domain's refusals; everything unexpected is a 500 without detail (the detail is logged).
/// </summary>
public sealed partial class RequestRefusalHandler(ILogger<RequestRefusalHandler> logger, FleetUsersMetrics metrics) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying when the database is out of reach.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var response = context.Response;
        switch (exception)
        {
            case ValidationFailedException e:
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, e.Problems);
                break;
            case NotFoundException e:
                await ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, e.Problems);
                break;
            case ConflictException e:
                await ErrorResponses.WriteAsync(context, StatusCodes.Status409Conflict, e.Problems);
                break;
            case PreconditionFailedException e:
                await ErrorResponses.WriteAsync(context, StatusCodes.Status412PreconditionFailed, e.Message);
                break;
            case TooManyAttemptsException e:
                response.Headers.RetryAfter = e.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status429TooManyRequests, e.Message);
                break;
            case ServiceBusyException e:
                response.Headers.RetryAfter = e.Seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, e.Message);
                break;
            case ForbiddenException:
                response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case MediaTypeRefusedException e:
                await ErrorResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, e.Message);
                break;
            case BadHttpRequestException e:
                // The framework's own messages may describe its internals: the body says only what the status means.
                await ErrorResponses.WriteAsync(context, e.StatusCode,
                    StatusCodeBodies.Message(e.StatusCode, context.Request) ?? "the request could not be read");
                break;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client went away; nobody reads this answer.
                response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                break;
            case var e when Database(context).IsUnavailable(e):
                LogUnavailable(logger, e.GetType().Name, e.Message);
                metrics.DatabaseUnavailable();
                if (Database(context).IsConnectionLost(e))
                {
                    Database(context).ForgetPooledConnections();
                }
                response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable,
                    "the database is unavailable; try again later");
                break;
            default:
                LogUnexpected(logger, exception);
                if (exception is System.Data.Common.DbException || exception.InnerException is System.Data.Common.DbException)
                {
                    metrics.DatabaseFailed();
                }
                response.StatusCode = StatusCodes.Status500InternalServerError;
                await response.WriteAsJsonAsync(
                    new InternalErrorBody("Internal Server Error", "An unexpected error occurred."), JsonSettings.Options, cancellationToken);
                break;
        }
        return true;
    }

    private static IDatabase Database(HttpContext context) => context.RequestServices.GetRequiredService<IDatabase>();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable: {ExceptionType}: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnexpected(ILogger logger, Exception exception);
}
