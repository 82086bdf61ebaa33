using Microsoft.Extensions.Logging;

namespace TimeActors.Actors;

/// <summary>
/// How a parent handles its children's failures: a <see cref="IDecider"/> picks the directive and a
/// restart budget (<see cref="MaxNumberOfRetries"/> within <see cref="WithinTimeRange"/>) bounds restarts;
/// a child denied a restart is stopped.
/// </summary>
public abstract class SupervisorStrategy
{
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, IDecider decider, bool loggingEnabled)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNumberOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
        LoggingEnabled = loggingEnabled;
    }

    /// <summary>Restart on any exception except initialization failures, Kill and death pacts, which stop the child.</summary>
    public static IDecider DefaultDecider { get; } = Actors.Decider.From(cause => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    });

    /// <summary>One-for-one with the default decider and no restart limit.</summary>
    public static SupervisorStrategy DefaultStrategy { get; } = new OneForOneStrategy(null, null, DefaultDecider);

    /// <summary>Stops any child that fails.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>Negative: unlimited.</summary>
    public int MaxNumberOfRetries { get; }

    /// <summary><see cref="Timeout.InfiniteTimeSpan"/>: no window (the count is over the child's lifetime).</summary>
    public TimeSpan WithinTimeRange { get; }

    public IDecider Decider { get; }

    public bool LoggingEnabled { get; }

    /// <summary>Which children a directive applies to: the failed one only, or all of them.</summary>
    internal abstract bool AppliesToAllChildren { get; }

    internal static (int Retries, TimeSpan Window) Normalize(int? maxNrOfRetries, TimeSpan? withinTimeRange) =>
        (maxNrOfRetries ?? -1, withinTimeRange ?? Timeout.InfiniteTimeSpan);

    internal void LogFailure(ILogger log, IActorRef child, Exception cause, Directive directive)
    {
        if (!LoggingEnabled)
        {
            return;
        }

        switch (directive)
        {
            case Directive.Resume:
                log.LogWarning(cause, "Actor {Actor} failed; resuming it: {Reason}", child.Path, cause.Message);
                break;
            case Directive.Restart:
            case Directive.Stop:
                log.LogError(cause, "Actor {Actor} failed; {Directive}: {Reason}", child.Path, directive == Directive.Restart ? "restarting it" : "stopping it", cause.Message);
                break;
            case Directive.Escalate:
                // The supervisor fails in turn and its own supervisor logs.
                break;
        }
    }
}
