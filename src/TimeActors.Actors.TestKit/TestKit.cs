using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace TimeActors.Actors.TestKit;

/// <summary>
/// Base class for actor tests (xunit creates one per test, so each test gets its own actor system).
/// <see cref="TestKitBase.TestActor"/> is the implicit sender of <c>Tell</c> in test code. With
/// <c>virtualTime: true</c> the system runs on a <see cref="VirtualScheduler"/>: timers fire only on
/// <see cref="Advance"/>, and each advance returns once the actors have processed what it caused.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private static int s_systemCounter;
    private readonly CapturingLoggerFactory _logs;
    private readonly ConcurrentQueue<AllDeadLetters> _deadLetters = new();
    private readonly object _deadLetterSignal = new();
    private int _probeCounter;
    private bool _disposed;

    protected TestKit(ITestOutputHelper? output = null)
        : this(null, output)
    {
    }

    protected TestKit(bool virtualTime, ITestOutputHelper? output = null)
        : this(new ActorSystemSettings { UseVirtualTime = virtualTime }, output)
    {
    }

    protected TestKit(ActorSystemSettings? settings, ITestOutputHelper? output = null, string? systemName = null)
    {
        _logs = new CapturingLoggerFactory(output);
        var effective = (settings ?? ActorSystemSettings.Default) with { LoggerFactory = _logs };
        var system = ActorSystem.Create(systemName ?? $"test-{Interlocked.Increment(ref s_systemCounter)}", effective);
        InitializeTest(system, "testActor");
        var collector = system.ActorOf(Props.Create(() => new DeadLetterCollector(_deadLetters, _deadLetterSignal)), "deadLetterCollector");
        system.EventStream.Subscribe<AllDeadLetters>(collector);
        ImplicitSender.SetAmbient(TestActor);
    }

    /// <summary>The virtual scheduler; throws unless the kit was created with virtual time.</summary>
    public VirtualScheduler VirtualTime =>
        Sys.Scheduler as VirtualScheduler ?? throw new InvalidOperationException("This TestKit was not created with virtual time");

    /// <summary>Every log line of the system so far.</summary>
    public IReadOnlyList<LogEvent> LogEvents => _logs.Events;

    /// <summary>Every dead letter (suppressed ones included) of the system so far.</summary>
    public IReadOnlyList<AllDeadLetters> DeadLetters => [.. _deadLetters];

    /// <summary>Moves virtual time forward, firing every timer that falls due, and lets the actors settle.</summary>
    public void Advance(TimeSpan span) => VirtualTime.Advance(span);

    public IActorRef ActorOf(Props props, string? name = null) => Sys.ActorOf(props, name);

    public TestProbe CreateTestProbe(string? name = null) =>
        new(Sys, name ?? $"testProbe-{Interlocked.Increment(ref _probeCounter)}");

    /// <summary>Waits until a log line at <paramref name="level"/> containing <paramref name="contains"/> has been written.</summary>
    public LogEvent ExpectLog(LogLevel level, string contains, TimeSpan? within = null)
    {
        var limit = Dilated(within ?? DefaultSingleExpect);
        return _logs.WaitFor(e => e.Level == level && e.Message.Contains(contains, StringComparison.Ordinal), limit)
            ?? throw new TestKitAssertionException($"No {level} log containing '{contains}' within {limit}; logged: [{string.Join(" | ", LogEvents.Select(e => $"{e.Level}: {e.Message}"))}]");
    }

    /// <summary>Waits until a dead letter carrying a <typeparamref name="TMessage"/> that matches has been published.</summary>
    public AllDeadLetters ExpectDeadLetter<TMessage>(Func<TMessage, bool>? match = null, TimeSpan? within = null)
    {
        var limit = Dilated(within ?? DefaultSingleExpect);
        var end = DateTime.UtcNow + limit;
        lock (_deadLetterSignal)
        {
            while (true)
            {
                var found = _deadLetters.FirstOrDefault(d => d.Message is TMessage m && (match is null || match(m)));
                if (found is not null)
                {
                    return found;
                }

                var left = end - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TestKitAssertionException($"No dead letter with a {typeof(TMessage).Name} within {limit}");
                }

                Monitor.Wait(_deadLetterSignal, left);
            }
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        ImplicitSender.SetAmbient(null);
        if (!Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(10))))
        {
            throw new TestKitAssertionException($"Actor system {Sys.Name} did not terminate within 10 s");
        }
    }
}
