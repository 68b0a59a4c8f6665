using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FleetUsers.Api.Tests.Infrastructure;

/// <summary>Keeps what the app logs at Error and above, so a test that meets a 500 can show the server's side of it.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                capture._errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}\n{exception}");
            }
        }
    }
}
