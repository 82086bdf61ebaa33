using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace TimeActors.Actors.TestKit;

/// <summary>Records every log line of the system under test (and echoes it to the xunit output when given).</summary>
internal sealed class CapturingLoggerFactory(ITestOutputHelper? output) : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEvent> _events = new();
    private readonly object _signal = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The TestKit's logger factory captures logs itself");

    public void Dispose()
    {
    }

    /// <summary>Waits until a recorded event satisfies <paramref name="match"/>; no polling.</summary>
    public LogEvent? WaitFor(Func<LogEvent, bool> match, TimeSpan timeout)
    {
        var end = DateTime.UtcNow + timeout;
        lock (_signal)
        {
            while (true)
            {
                var found = _events.FirstOrDefault(match);
                var left = end - DateTime.UtcNow;
                if (found is not null || left <= TimeSpan.Zero)
                {
                    return found;
                }

                Monitor.Wait(_signal, left);
            }
        }
    }

    private void Add(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        try
        {
            output?.WriteLine($"[{logEvent.Level}] {logEvent.Category}: {logEvent.Message}{(logEvent.Exception is null ? string.Empty : " " + logEvent.Exception.GetType().Name)}");
        }
        catch (InvalidOperationException)
        {
            // xunit refuses output once the test has finished; late lines from shutdown are dropped there.
        }

        lock (_signal)
        {
            Monitor.PulseAll(_signal);
        }
    }

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEvent(logLevel, category, formatter(state, exception), exception, DateTimeOffset.UtcNow));
    }
}
