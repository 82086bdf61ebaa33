using TimeActors.Timing.Time;

namespace TimeActors.Timing.Statistics;

/// <summary>Delay-based outlier rejection limits (chrony's per-source options of the same names).</summary>
public sealed record SampleFilterSettings
{
    /// <summary>Reject when delay minus dispersion exceeds this (chrony <c>maxdelay</c>, 3 s).</summary>
    public TimeInterval MaxDelay { get; init; } = TimeInterval.FromSeconds(3);

    /// <summary>Reject when delay exceeds this multiple of the minimum delay seen; 0 disables (chrony <c>maxdelayratio</c>).</summary>
    public double MaxDelayRatio { get; init; }

    /// <summary>
    /// Reject when the delay increase over the minimum exceeds this many standard deviations of the
    /// offsets (plus the frequency error accrued since the last sample); 0 disables (chrony
    /// <c>maxdelaydevratio</c>, 10).
    /// </summary>
    public double MaxDelayDevRatio { get; init; } = 10;

    /// <summary>Samples needed before the deviation test applies: it needs a trustworthy SD.</summary>
    public int MinSamplesForDeviationTest { get; init; } = 6;

    public static SampleFilterSettings Default { get; } = new();
}
