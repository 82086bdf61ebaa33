using TimeActors.Timing.Time;

namespace TimeActors.Timing.Statistics;

/// <summary>Tuning of <see cref="SourceStatistics"/>; defaults follow chrony's.</summary>
public sealed record SourceStatisticsSettings
{
    /// <summary>Hard ceiling of samples in the regression (chrony's internal 64).</summary>
    public const int SampleLimit = 64;

    /// <summary>Samples the runs test never trims below (chrony <c>minsamples</c>, default 6).</summary>
    public int MinSamples { get; init; } = 6;

    /// <summary>Most samples in the regression (chrony <c>maxsamples</c>; 0 there means 64).</summary>
    public int MaxSamples { get; init; } = SampleLimit;

    /// <summary>
    /// Resolution of the local clock reading: the smallest spread of sample distances the weighting
    /// believes in. Roughly 2^-25 s on current hardware.
    /// </summary>
    public TimeInterval LocalPrecision { get; init; } = new(30);

    /// <summary>Assumed frequency wander of the local clock (chrony <c>maxclockerror</c>, 1 ppm).</summary>
    public double MaxClockErrorPpm { get; init; } = 1.0;

    public static SourceStatisticsSettings Default { get; } = new();
}
