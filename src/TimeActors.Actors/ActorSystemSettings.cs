using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TimeActors.Actors;

/// <summary>
/// Everything an <see cref="ActorSystem"/> is configured with. The service binds these from HOCON
/// (<c>timeactors.actors { … }</c> in hocon/reference.conf); tests build them directly.
/// </summary>
public sealed record ActorSystemSettings
{
    public static ActorSystemSettings Default { get; } = new();

    /// <summary>User messages an actor processes per turn on the default dispatcher before yielding its thread (Akka: throughput).</summary>
    public int DefaultDispatcherThroughput { get; init; } = 30;

    /// <summary>
    /// How long before a timer is due the real scheduler stops sleeping and spins. The BCL sleeps with
    /// millisecond granularity, so sub-millisecond precision needs this window; a larger value is more
    /// precise and costs more CPU per timer.
    /// </summary>
    public TimeSpan SchedulerSpinWindow { get; init; } = TimeSpan.FromMilliseconds(1.5);

    /// <summary>Use virtual time: the scheduler only moves when told to (<see cref="VirtualScheduler.Advance"/>).</summary>
    public bool UseVirtualTime { get; init; }

    /// <summary>
    /// Run every actor on one dedicated thread in scheduling order (<see cref="SingleThreadDispatcher"/>):
    /// with virtual time a run is then deterministic. Only for actors that never block their thread.
    /// </summary>
    public bool SingleThreaded { get; init; }

    /// <summary>Where virtual time starts (<see cref="IScheduler.Now"/> before the first advance).</summary>
    public DateTimeOffset VirtualTimeStart { get; init; } = DateTimeOffset.UnixEpoch;

    /// <summary>
    /// Under virtual time, how long a timer firing waits for the actors to finish what it caused before
    /// time moves on (only an actor blocked on real I/O ever makes it wait this long).
    /// </summary>
    public TimeSpan VirtualTimeSettleTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Dead letters logged before logging is suspended; 0 turns the logging off.</summary>
    public int LogDeadLetters { get; init; } = 10;

    /// <summary>How long dead-letter logging stays suspended after <see cref="LogDeadLetters"/> were logged.</summary>
    public TimeSpan LogDeadLettersSuspendDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Record the kernel's metrics (messages, processing time, mailbox depth, restarts, dead letters).</summary>
    public bool TelemetryEnabled { get; init; } = true;

    /// <summary>Default Ask timeout when none is given; infinite as in Akka.NET.</summary>
    public TimeSpan AskTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long <see cref="ActorSystem.Terminate"/> waits for actors to stop before giving up on them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the kernel's own log lines go (the host routes them to Serilog).</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
