using Microsoft.Extensions.Logging;

namespace TimeActors.Actors.Tests;

public sealed class LoggingTests
{
    [Fact]
    public async Task Kernel_and_actor_logs_go_through_the_configured_logger_factory()
    {
        var provider = new ListProvider();
        var system = ActorSystem.Create("logging", new ActorSystemSettings { LoggerFactory = provider });
        try
        {
            var actor = system.ActorOf(Props.Create(() => new Talker()), "talker");
            await actor.Ask("log", TimeSpan.FromSeconds(3));

            Assert.Contains(provider.Lines, l => l.Category == typeof(Talker).FullName && l.Message == "hello from talker" && l.Level == LogLevel.Information);
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Log_lines_are_published_on_the_event_stream()
    {
        var system = ActorSystem.Create("published");
        try
        {
            var collected = new TaskCompletionSource<LogEvent>();
            var listener = system.ActorOf(Props.Create(() => new Collector(collected)));
            system.EventStream.Subscribe<LogEvent>(listener);
            var actor = system.ActorOf(Props.Create(() => new Talker()));

            await actor.Ask("warn", TimeSpan.FromSeconds(3));

            var logEvent = await collected.Task.WaitAsync(TimeSpan.FromSeconds(3));
            Assert.Equal(LogLevel.Warning, logEvent.Level);
            Assert.Equal("careful", logEvent.Message);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private sealed class Talker : ReceiveActor
    {
        public Talker()
        {
            var log = Context.GetLogger();
            Receive<string>(s => s == "log", _ =>
            {
                log.LogInformation("hello from talker");
                Sender?.Tell("done", Self);
            });
            Receive<string>(s => s == "warn", _ =>
            {
                log.LogWarning("careful");
                Sender?.Tell("done", Self);
            });
        }
    }

    private sealed class Collector : ReceiveActor
    {
        public Collector(TaskCompletionSource<LogEvent> collected) =>
            Receive<LogEvent>(e => e.Message == "careful", e => collected.TrySetResult(e));
    }

    private sealed class ListProvider : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public List<(string Category, LogLevel Level, string Message)> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner.Lines)
                {
                    owner.Lines.Add((category, logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
