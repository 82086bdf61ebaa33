using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Selection;

/// <summary>
/// The clock estimate from the combined truechimers, at <see cref="ReferenceTime"/>. Signs as in
/// <see cref="Statistics.SourceEstimate"/>: Offset is true time minus local time, FrequencyPpm is
/// how fast the local clock gains.
/// </summary>
/// <param name="ReferenceTime">Local time of the estimate (the selection time).</param>
/// <param name="Offset">Distance-weighted offset.</param>
/// <param name="OffsetSd">Its standard deviation, including the spread between sources.</param>
/// <param name="FrequencyPpm">Residual frequency weighted by inverse frequency variance.</param>
/// <param name="FrequencySdPpm">Its standard deviation.</param>
/// <param name="SkewPpm">Combined frequency error bound.</param>
/// <param name="RootDelay">The selected source's root delay.</param>
/// <param name="RootDispersion">The selected source's root dispersion.</param>
/// <param name="Stratum">The selected source's stratum (ours is one more).</param>
/// <param name="Leap">Leap warning voted by more than half of the truechimers, otherwise none.</param>
/// <param name="CombinedSources">How many sources contributed.</param>
public readonly record struct CombinedEstimate(
    SystemTime ReferenceTime,
    TimeInterval Offset,
    TimeInterval OffsetSd,
    double FrequencyPpm,
    double FrequencySdPpm,
    double SkewPpm,
    TimeInterval RootDelay,
    TimeInterval RootDispersion,
    int Stratum,
    LeapIndicator Leap,
    int CombinedSources);
