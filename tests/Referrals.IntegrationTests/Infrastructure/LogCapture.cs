using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Collects every formatted log line and exception the service writes, and every line holding a child's personal
/// detail that a test has sent (PersonalData): a leak.
/// </summary>
public sealed class LogCapture(PersonalData personalData) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;
    public ConcurrentQueue<(string Value, string Line)> Leaks { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose() { }

    /// <summary>A line of the service's telemetry (a span, a metric's labels), checked like a log line.</summary>
    public void Record(string line) => Write(line);

    private void Write(string line)
    {
        _lines.Enqueue(line);
        if (personalData.FoundIn(line) is { } value) Leaks.Enqueue((value, line));
    }

    private sealed class Logger(string category, LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Write($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
