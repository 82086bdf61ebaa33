using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Statistics;

/// <summary>
/// A source's correctness interval at a given time, the input of source selection: the true offset
/// lies in [Offset − RootDistance, Offset + RootDistance] if the source tells the truth.
/// </summary>
/// <param name="Usable">False without a regression (fewer than three samples): not a candidate yet.</param>
/// <param name="Offset">Offset of the best sample extrapolated to the selection time (source minus local).</param>
/// <param name="RootDistance">Root delay/2 + root dispersion of the best sample, plus skew and clock-error growth since.</param>
/// <param name="StdDev">Jitter of the source's samples about the regression line.</param>
/// <param name="FirstSampleAgo">Age of the oldest sample in the regression.</param>
/// <param name="LastSampleAgo">Age of the newest sample.</param>
/// <param name="Stratum">Stratum of the newest sample.</param>
/// <param name="Leap">Leap indicator of the newest sample.</param>
/// <param name="Estimate">The regression, used when combining.</param>
public readonly record struct SelectionData(
    bool Usable,
    TimeInterval Offset,
    TimeInterval RootDistance,
    TimeInterval StdDev,
    TimeInterval FirstSampleAgo,
    TimeInterval LastSampleAgo,
    int Stratum,
    LeapIndicator Leap,
    SourceEstimate Estimate)
{
    public TimeInterval Low => Offset - RootDistance;

    public TimeInterval High => Offset + RootDistance;
}
