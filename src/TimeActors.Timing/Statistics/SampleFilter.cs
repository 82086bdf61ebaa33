using TimeActors.Timing.Sources;

namespace TimeActors.Timing.Statistics;

/// <summary>
/// Delay-based outlier rejection before a sample reaches the regression. A sample whose round trip
/// was much longer than the best one seen most likely sat in a queue on one leg, which biases its
/// offset by up to half the extra delay; unless its offset shows a genuine change, it is dropped.
/// Pure: the decision depends only on the sample, the source's statistics and the settings.
/// </summary>
public sealed class SampleFilter
{
    private readonly SampleFilterSettings _settings;
    private readonly double _maxClockError;

    public SampleFilter(SampleFilterSettings settings, SourceStatisticsSettings statisticsSettings)
    {
        _settings = settings;
        _maxClockError = statisticsSettings.MaxClockErrorPpm * 1e-6;
    }

    public SampleFilterSettings Settings => _settings;

    public SampleVerdict Evaluate(in SourceSample sample, SourceStatistics statistics)
    {
        var delay = sample.Delay.TotalSeconds;
        if (delay - sample.Dispersion.TotalSeconds > _settings.MaxDelay.TotalSeconds)
            return SampleVerdict.DelayAboveMaximum;

        if (statistics.StoredSamples == 0)
            return SampleVerdict.Accepted;

        var minDelay = statistics.MinimumDelay.TotalSeconds;
        if (_settings.MaxDelayRatio > 0 && minDelay > 0 && delay > _settings.MaxDelayRatio * minDelay)
            return SampleVerdict.DelayRatioExceeded;

        if (_settings.MaxDelayDevRatio <= 0 || statistics.SampleCount < _settings.MinSamplesForDeviationTest)
            return SampleVerdict.Accepted;

        var estimate = statistics.Estimate;
        var elapsed = Math.Abs((sample.LocalTime - estimate.ReferenceTime).TotalSeconds);
        var delayIncrease = (delay - minDelay) / 2;
        // The increase is measured from the minimum delay, so it is compared with the scatter of
        // minimum-distance samples (chrony compares it with an average sample's SD). With
        // exponential queueing delays most samples are slow and weigh little; an average-sample SD
        // then grows with how many slow samples the register holds, so a register full of queued
        // samples opened its own gate wider (jitter scenario, medians over seeds 1-40: RMS offset
        // 16.1 -> 13.6 ms; default and wander unchanged, where weights stay near 1).
        var allowedIncrease = statistics.MinimumDistanceStdDev.TotalSeconds * _settings.MaxDelayDevRatio
            + elapsed * (estimate.SkewPpm * 1e-6 + _maxClockError);
        if (delayIncrease < allowedIncrease)
            return SampleVerdict.Accepted;

        // A long delay that comes with an offset change larger than the delay could explain is a
        // real change (e.g. a step of the source), not queueing: keep it so the estimate can follow.
        var offsetError = Math.Abs(sample.Offset.TotalSeconds - estimate.OffsetAt(sample.LocalTime).TotalSeconds);
        return offsetError - delayIncrease > allowedIncrease ? SampleVerdict.Accepted : SampleVerdict.DelayDeviationExceeded;
    }
}
