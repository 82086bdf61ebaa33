namespace TimeActors.Actors;

/// <summary>The directive applies to every child of the supervisor, not just the one that failed.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : this(maxNrOfRetries, withinTimeRange, Actors.Decider.From(decider))
    {
    }

    public AllForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider, bool loggingEnabled = true)
        : base(Normalize(maxNrOfRetries, withinTimeRange).Retries, Normalize(maxNrOfRetries, withinTimeRange).Window, decider, loggingEnabled)
    {
    }

    public AllForOneStrategy(Func<Exception, Directive> decider)
        : this(null, null, decider)
    {
    }

    internal override bool AppliesToAllChildren => true;
}
