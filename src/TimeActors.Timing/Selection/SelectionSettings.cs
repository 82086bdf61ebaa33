using TimeActors.Timing.Time;

namespace TimeActors.Timing.Selection;

/// <summary>Selection and combining limits; defaults follow chrony's.</summary>
public sealed record SelectionSettings
{
    /// <summary>
    /// Least truechimers needed to steer the clock (chrony <c>minsources</c>). Default 1 so a single
    /// configured server works.
    /// </summary>
    public int MinSources { get; init; } = 1;

    /// <summary>Below this many configured sources a falseticker cannot be outvoted; the result carries a warning.</summary>
    public int RecommendedSources { get; init; } = 3;

    /// <summary>Largest root distance a candidate may have (chrony <c>maxdistance</c>, 3 s).</summary>
    public TimeInterval MaxDistance { get; init; } = TimeInterval.FromSeconds(3);

    /// <summary>Largest jitter a candidate may have (chrony <c>maxjitter</c>, 1 s).</summary>
    public TimeInterval MaxJitter { get; init; } = TimeInterval.FromSeconds(1);

    /// <summary>Truechimers farther than this multiple of the selected source's distance are not combined (chrony <c>combinelimit</c>, 3).</summary>
    public double CombineLimit { get; init; } = 3;

    /// <summary>Hysteresis: the current system peer stays unless another is better by more than this (chrony <c>reselectdist</c>, 100 µs).</summary>
    public TimeInterval ReselectDistance { get; init; } = TimeInterval.FromMicroseconds(100);

    /// <summary>Distance added per stratum above the lowest when ranking (chrony <c>stratumweight</c>, 1 ms).</summary>
    public TimeInterval StratumWeight { get; init; } = TimeInterval.FromMilliseconds(1);

    /// <summary>Local clock frequency tolerance used in the frequency agreement test (chrony <c>maxclockerror</c>, 1 ppm).</summary>
    public double MaxClockErrorPpm { get; init; } = 1;

    public static SelectionSettings Default { get; } = new();
}
