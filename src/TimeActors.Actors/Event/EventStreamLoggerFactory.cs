using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// Wraps the host's logger factory: every line goes to it and is also published on the event stream as
/// a <see cref="LogEvent"/> (lines the host filters out are still published from Warning up), so tests
/// and tools observe logs as messages.
/// </summary>
internal sealed class EventStreamLoggerFactory(ILoggerFactory inner, EventStream eventStream) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new PublishingLogger(inner.CreateLogger(categoryName), categoryName, eventStream);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The host owns the inner factory.
    }

    private sealed class PublishingLogger(ILogger inner, string category, EventStream eventStream) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && (logLevel >= LogLevel.Warning || inner.IsEnabled(logLevel));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
            eventStream.Publish(new LogEvent(logLevel, category, formatter(state, exception), exception, DateTimeOffset.UtcNow));
        }
    }
}
