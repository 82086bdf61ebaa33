using TimeActors.Timing.Time;

namespace TimeActors.Timing.Exchange;

/// <summary>Per-source settings of a client exchange. Defaults follow chrony's (chrony-internals.md §3.6).</summary>
public sealed record ClientExchangeOptions
{
    /// <summary>Lowest poll exponent (log2 s).</summary>
    public int MinPoll { get; init; } = 6;

    /// <summary>Highest poll exponent (log2 s).</summary>
    public int MaxPoll { get; init; } = 10;

    /// <summary>Samples the statistics should hold at the current poll (chrony polltarget).</summary>
    public int PollTarget { get; init; } = 8;

    /// <summary>Start with a quick burst: up to 8 requests at most 2 s apart until 4 good samples.</summary>
    public bool InitialBurst { get; init; }

    /// <summary>Use interleaved client mode (RFC 9769, chrony <c>xleave</c>).</summary>
    public bool Interleaved { get; init; }

    /// <summary>Samples with delay minus dispersion above this fail test A (chrony maxdelay).</summary>
    public TimeInterval MaxDelay { get; init; } = TimeInterval.FromSeconds(3);

    /// <summary>Correction added to every measured offset (e.g. a known path asymmetry).</summary>
    public TimeInterval OffsetCorrection { get; init; } = TimeInterval.Zero;

    /// <summary>Precision of the local clock readings (chrony's measured clockprecision).</summary>
    public TimeInterval LocalPrecision { get; init; } = TimeInterval.FromMicroseconds(1);

    /// <summary>
    /// How long a valid response waits for its request's hardware TX stamp (chrony hwtstimeout,
    /// default 1 ms). Zero or negative disables saving.
    /// </summary>
    public TimeInterval SavedResponseTimeout { get; init; } = TimeInterval.FromMilliseconds(1);

    /// <summary>
    /// <c>hwts-timeout = auto</c>: when set, the source's actor learns the interface's hardware TX
    /// stamp latency (<see cref="TxStampLatencyLearner"/>) and sets
    /// <see cref="ClientExchange.SavedResponseTimeout"/> from it; <see cref="SavedResponseTimeout"/> is
    /// then unused. Null (the default): the fixed <see cref="SavedResponseTimeout"/>, exactly as chrony.
    /// </summary>
    public TxStampLatencyLearnerOptions? LearnedSavedResponseTimeout { get; init; }

    /// <summary>Delay before the first request after going online (chrony's INITIAL_DELAY).</summary>
    public TimeInterval InitialDelay { get; init; } = TimeInterval.FromMilliseconds(200);

    /// <summary>NTP version put in requests.</summary>
    public byte Version { get; init; } = 4;

    /// <summary>The receive timeout: maxdelay plus the longest server processing time allowed (4 s).</summary>
    public TimeInterval ReceiveTimeout => MaxDelay + ClientExchange.MaxServerInterval;

    /// <summary>Throws <see cref="ArgumentException"/> for settings the exchange cannot work with.</summary>
    public void Validate()
    {
        if (MinPoll < ClientExchange.LowestPoll || MaxPoll > ClientExchange.HighestPoll || MinPoll > MaxPoll)
        {
            throw new ArgumentException($"minpoll {MinPoll} and maxpoll {MaxPoll} must satisfy {ClientExchange.LowestPoll} <= minpoll <= maxpoll <= {ClientExchange.HighestPoll}.");
        }

        if (PollTarget < 1)
        {
            throw new ArgumentException($"polltarget must be at least 1, not {PollTarget}.");
        }

        if (MaxDelay <= TimeInterval.Zero)
        {
            throw new ArgumentException("maxdelay must be positive.");
        }

        LearnedSavedResponseTimeout?.Validate();

        if (Version is < 1 or > 4)
        {
            throw new ArgumentException($"NTP version must be 1..4, not {Version}.");
        }
    }
}
