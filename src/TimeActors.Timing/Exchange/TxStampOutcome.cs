namespace TimeActors.Timing.Exchange;

/// <summary>
/// What became of one request's hardware TX stamp, as a <see cref="TxStampLatencyLearner"/> learns it:
/// it arrived <see cref="LatencyNs"/> after the send, or (<see cref="Arrived"/> false) it did not come
/// within the poll bound.
/// </summary>
public readonly record struct TxStampOutcome(bool Arrived, long LatencyNs)
{
    public static TxStampOutcome Missing => new(false, 0);

    public static TxStampOutcome After(long latency_ns) => new(true, latency_ns);

    /// <summary>Feeds this outcome to <paramref name="learner"/>.</summary>
    public void ApplyTo(TxStampLatencyLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        if (Arrived)
        {
            learner.ObserveLatency(LatencyNs);
        }
        else
        {
            learner.ObserveMissing();
        }
    }
}
