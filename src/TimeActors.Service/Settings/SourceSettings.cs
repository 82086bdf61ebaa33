using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Settings;

/// <summary>One entry of <c>timeactors.sources</c>: a server or a pool, with its polling options.</summary>
public sealed record SourceSettings
{
    public required SourceKind Kind { get; init; }

    /// <summary>DNS name or address as configured (also the source's name in status output).</summary>
    public required string Name { get; init; }

    public int Port { get; init; } = 123;

    /// <summary>Lowest poll exponent, log2 seconds.</summary>
    public int MinPoll { get; init; } = 6;

    /// <summary>Highest poll exponent, log2 seconds.</summary>
    public int MaxPoll { get; init; } = 10;

    /// <summary>Start with a burst of quick requests (chrony <c>iburst</c>).</summary>
    public bool InitialBurst { get; init; }

    /// <summary>Interleaved client mode (chrony <c>xleave</c>).</summary>
    public bool Interleaved { get; init; }

    /// <summary>Measure but never select (chrony <c>noselect</c>).</summary>
    public bool NoSelect { get; init; }

    /// <summary>Prefer this source in selection (chrony <c>prefer</c>).</summary>
    public bool Prefer { get; init; }

    /// <summary>Pools only: how many of the pool's addresses to use.</summary>
    public int PoolCount { get; init; } = 4;

    /// <summary>Samples whose delay exceeds this are dropped (chrony <c>maxdelay</c>).</summary>
    public TimeInterval MaxDelay { get; init; } = TimeInterval.FromSeconds(3);

    /// <summary>Added to every measured offset (a known path asymmetry; chrony <c>offset</c>).</summary>
    public TimeInterval OffsetCorrection { get; init; } = TimeInterval.Zero;

    /// <summary>Samples the statistics aim to hold at the current poll (chrony <c>polltarget</c>).</summary>
    public int PollTarget { get; init; } = 8;

    /// <summary>NTP version put in requests.</summary>
    public int Version { get; init; } = 4;

    /// <summary>
    /// <c>hwts-timeout = auto</c> (set from the global key): the wait for late hardware TX stamps is
    /// learned per interface instead of the fixed value.
    /// </summary>
    public bool LearnHwtsTimeout { get; init; }

    /// <summary>
    /// The exchange options for this source; <paramref name="hwtsTimeout"/> is the global fixed
    /// <c>hwts-timeout</c>, used unless <see cref="LearnHwtsTimeout"/> is on.
    /// </summary>
    public ClientExchangeOptions ToExchangeOptions(TimeInterval hwtsTimeout) => new()
    {
        MinPoll = MinPoll,
        MaxPoll = MaxPoll,
        PollTarget = PollTarget,
        InitialBurst = InitialBurst,
        Interleaved = Interleaved,
        MaxDelay = MaxDelay,
        OffsetCorrection = OffsetCorrection,
        SavedResponseTimeout = hwtsTimeout,
        LearnedSavedResponseTimeout = LearnHwtsTimeout ? new TxStampLatencyLearnerOptions() : null,
        Version = (byte)Version,
    };
}
