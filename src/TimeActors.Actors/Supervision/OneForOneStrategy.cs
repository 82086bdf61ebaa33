namespace TimeActors.Actors;

/// <summary>The directive applies to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : this(maxNrOfRetries, withinTimeRange, Actors.Decider.From(decider))
    {
    }

    public OneForOneStrategy(int? maxNrOfRetries, TimeSpan? withinTimeRange, IDecider decider, bool loggingEnabled = true)
        : base(Normalize(maxNrOfRetries, withinTimeRange).Retries, Normalize(maxNrOfRetries, withinTimeRange).Window, decider, loggingEnabled)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, int withinTimeMilliseconds, Func<Exception, Directive> decider, bool loggingEnabled = true)
        : base(maxNrOfRetries, withinTimeMilliseconds > 0 ? TimeSpan.FromMilliseconds(withinTimeMilliseconds) : Timeout.InfiniteTimeSpan, Actors.Decider.From(decider), loggingEnabled)
    {
    }

    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(null, null, decider)
    {
    }

    internal override bool AppliesToAllChildren => false;
}
