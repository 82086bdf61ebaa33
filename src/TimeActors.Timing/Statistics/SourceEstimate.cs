using TimeActors.Timing.Time;

namespace TimeActors.Timing.Statistics;

/// <summary>
/// What the regression over a source's samples says about the local clock relative to that source.
/// Offset sign follows <see cref="Sources.SourceSample.Offset"/>: source minus local (positive: the
/// local clock is behind).
/// </summary>
/// <param name="ReferenceTime">Local time the estimate refers to (the newest sample's time).</param>
/// <param name="Offset">Estimated offset at <paramref name="ReferenceTime"/>.</param>
/// <param name="OffsetSd">Standard deviation of <paramref name="Offset"/>.</param>
/// <param name="FrequencyPpm">
/// Residual frequency: how fast the local clock gains on the source (positive: the local clock runs
/// fast, so the offset decreases by this many µs per second).
/// </param>
/// <param name="FrequencySdPpm">Standard deviation of <paramref name="FrequencyPpm"/>.</param>
/// <param name="SkewPpm">Error bound of the frequency (its SD times the 99.95 % t quantile).</param>
/// <param name="StdDev">Standard deviation of the samples about the fitted line.</param>
/// <param name="Samples">Samples in the regression.</param>
/// <param name="Runs">Runs of residual signs in the regression.</param>
/// <param name="RootDelay">Root delay of the best sample (smallest root distance).</param>
/// <param name="RootDispersion">Root dispersion of the best sample, grown by skew to the reference time plus the offset SD.</param>
/// <param name="IsRegression">False while fewer than three samples exist: offset is then the newest sample, bounds are worst case.</param>
public readonly record struct SourceEstimate(
    SystemTime ReferenceTime,
    TimeInterval Offset,
    TimeInterval OffsetSd,
    double FrequencyPpm,
    double FrequencySdPpm,
    double SkewPpm,
    TimeInterval StdDev,
    int Samples,
    int Runs,
    TimeInterval RootDelay,
    TimeInterval RootDispersion,
    bool IsRegression)
{
    /// <summary>The offset extrapolated along the fitted line to <paramref name="time"/>.</summary>
    public TimeInterval OffsetAt(SystemTime time) =>
        Offset - TimeInterval.FromSeconds((time - ReferenceTime).TotalSeconds * FrequencyPpm * 1e-6);
}
