namespace TimeActors.Timing.Exchange;

/// <summary>
/// Tuning of <see cref="TxStampLatencyLearner"/> (<c>hwts-timeout = auto</c>). The defaults are the
/// documented behaviour; they are not exposed as settings because the point of <c>auto</c> is that
/// nobody has to tune them.
/// </summary>
public sealed record TxStampLatencyLearnerOptions
{
    /// <summary>
    /// Outcomes (stamp latencies and missing stamps) remembered per interface. A fixed window keeps
    /// memory bounded and lets old behaviour age out: after this many new outcomes the old NIC
    /// behaviour has no influence left. 128 holds enough arrivals for a 0.99 quantile to rest on
    /// more than the single largest value.
    /// </summary>
    public int WindowSize { get; init; } = 128;

    /// <summary>Share of observed stamp latencies the timeout must cover, before the margin.</summary>
    public double Quantile { get; init; } = 0.99;

    /// <summary>
    /// Factor on the quantile. The empirical quantile of a window under-estimates the true one about
    /// half the time, and a NIC's latency drifts with load; 25 % more waiting costs nothing when the
    /// stamp comes (the response is released at the stamp) and little when it does not.
    /// </summary>
    public double Margin { get; init; } = 1.25;

    /// <summary>
    /// Arrived latencies needed before the quantile is trusted. Below this the learner answers with
    /// the start value (the poll bound: wait as long as is safe so the first samples of a slow NIC
    /// are hardware ones already), or with the floor when the window is full of missing stamps.
    /// </summary>
    public int MinObservations { get; init; } = 16;

    /// <summary>
    /// Least wait once learned: chrony's fixed default, 1 ms. Waiting longer than the typical
    /// latency costs nothing for stamps that come, and a NIC that is fast most of the time but
    /// occasionally slower is still served at least as well as by the fixed default.
    /// </summary>
    public long FloorNs { get; init; } = 1_000_000;

    /// <summary>
    /// Longest wait whatever the poll: a TX stamp more than 1 s after the daemon's send time is not
    /// accepted as T1 anyway (<see cref="ClientExchange.MaxTxStampDelay"/>), so waiting longer is useless.
    /// </summary>
    public long MaxWaitNs { get; init; } = ClientExchange.MaxTxStampDelay.Nanoseconds;

    /// <summary>
    /// The wait may use at most 1/<c>PollDivisor</c> of the poll interval. Burst requests are a
    /// quarter poll apart; an eighth leaves the other half of that spacing for the round trip, so a
    /// saved response is released (and a lingering socket closed) before the next request.
    /// </summary>
    public int PollDivisor { get; init; } = 8;

    /// <summary>Throws <see cref="ArgumentException"/> for values the learner cannot work with.</summary>
    public void Validate()
    {
        if (WindowSize < 1 || MinObservations < 1 || MinObservations > WindowSize)
        {
            throw new ArgumentException($"window {WindowSize} and min observations {MinObservations} must satisfy 1 <= min <= window.");
        }

        if (!(Quantile > 0.0 && Quantile <= 1.0) || !(Margin >= 1.0) || !double.IsFinite(Margin))
        {
            throw new ArgumentException($"quantile {Quantile} must be in (0, 1] and margin {Margin} at least 1.");
        }

        if (FloorNs < 0 || MaxWaitNs <= 0 || PollDivisor < 1)
        {
            throw new ArgumentException("floor must be >= 0, max wait > 0 and the poll divisor >= 1.");
        }
    }
}
