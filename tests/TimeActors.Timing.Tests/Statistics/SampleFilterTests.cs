using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Statistics;

public class SampleFilterTests
{
    private static readonly SampleFilter Filter = new(SampleFilterSettings.Default, SourceStatisticsSettings.Default);

    private static (SampleTimeline Timeline, SourceStatistics Stats) Primed(int samples)
    {
        var timeline = new SampleTimeline(seed: 21) { NoiseSeconds = 10e-6, Delay = TimeInterval.FromMilliseconds(1) };
        var stats = new SourceStatistics();
        for (var i = 0; i < samples; i++)
            stats.Accumulate(timeline.At(i * 16.0));
        return (timeline, stats);
    }

    [Fact]
    public void Delay_above_maxdelay_is_rejected_even_for_a_new_source()
    {
        var timeline = new SampleTimeline();
        var empty = new SourceStatistics();

        Assert.Equal(SampleVerdict.DelayAboveMaximum, Filter.Evaluate(timeline.At(0, delay: TimeInterval.FromSeconds(3.1)), empty));
        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(timeline.At(0, delay: TimeInterval.FromSeconds(2.9)), empty));
    }

    [Fact]
    public void Delay_ratio_is_off_by_default_and_rejects_when_configured()
    {
        var (timeline, stats) = Primed(3);
        var slow = timeline.At(48, delay: TimeInterval.FromMilliseconds(2.5));
        var ratio = new SampleFilter(new SampleFilterSettings { MaxDelayRatio = 2, MaxDelayDevRatio = 0 }, SourceStatisticsSettings.Default);

        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(slow, stats));
        Assert.Equal(SampleVerdict.DelayRatioExceeded, ratio.Evaluate(slow, stats));
        Assert.Equal(SampleVerdict.Accepted, ratio.Evaluate(timeline.At(48, delay: TimeInterval.FromMilliseconds(1.9)), stats));
    }

    [Fact]
    public void Queued_sample_with_an_unexplained_delay_increase_is_rejected()
    {
        var (timeline, stats) = Primed(10);

        var queued = timeline.At(160, extraOffsetSeconds: 2e-3, delay: TimeInterval.FromMilliseconds(6));

        Assert.Equal(SampleVerdict.DelayDeviationExceeded, Filter.Evaluate(queued, stats));
    }

    [Fact]
    public void Small_delay_increase_within_the_jitter_allowance_is_accepted()
    {
        var (timeline, stats) = Primed(10);
        var allowance = stats.MinimumDistanceStdDev.TotalSeconds * 10;

        var slightlySlower = timeline.At(160, delay: TimeInterval.FromSeconds(1e-3 + allowance));

        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(slightlySlower, stats));
    }

    // Exponential queueing: a few fast samples scattered ±1 ms, many slow ones scattered ±20 ms
    // (their weights say 20 times the SD). Signs alternate so the runs test keeps every sample.
    private static SourceStatistics MostlyQueued()
    {
        var stats = new SourceStatistics();
        for (var i = 0; i < 24; i++)
        {
            var fast = i % 4 == 0;
            var sign = i % 2 == 0 ? 1 : -1;
            var time = SampleTimeline.Epoch + TimeInterval.FromSeconds(i * 64.0);
            var offset = TimeInterval.FromSeconds(0.005 + (sign * (fast ? 1e-3 : 20e-3)));
            var delay = TimeInterval.FromMilliseconds(fast ? 10 : 200);
            stats.Accumulate(SampleTimeline.Sample(time, offset, delay, TimeInterval.FromMicroseconds(10)));
        }

        return stats;
    }

    [Fact]
    public void Delay_increase_is_measured_against_the_scatter_of_minimum_distance_samples()
    {
        var stats = MostlyQueued();
        var estimate = stats.Estimate;
        var bestSd = stats.MinimumDistanceStdDev.TotalSeconds;
        var averageSd = estimate.StdDev.TotalSeconds;
        Assert.True(averageSd > 1.5 * bestSd, $"average-sample SD {averageSd} vs minimum-distance SD {bestSd}");

        // Half the delay increase lies between 10 SDs of a fast sample and 10 SDs of an average
        // one, and the offset is exactly what the regression predicts (no genuine change to keep).
        var time = estimate.ReferenceTime + TimeInterval.FromSeconds(64);
        var drift = 64 * (estimate.SkewPpm * 1e-6 + SourceStatisticsSettings.Default.MaxClockErrorPpm * 1e-6);
        var increase = drift + (10 * (bestSd + averageSd) / 2);
        var delay = stats.MinimumDelay + TimeInterval.FromSeconds(2 * increase);
        var sample = SampleTimeline.Sample(time, estimate.OffsetAt(time), delay, TimeInterval.FromMicroseconds(10));

        Assert.Equal(SampleVerdict.DelayDeviationExceeded, Filter.Evaluate(sample, stats));
    }

    [Fact]
    public void Long_delay_with_an_offset_jump_beyond_what_the_delay_explains_is_accepted()
    {
        var (timeline, stats) = Primed(10);

        var stepped = timeline.At(160, extraOffsetSeconds: 0.1, delay: TimeInterval.FromMilliseconds(6));

        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(stepped, stats));
    }

    [Fact]
    public void Deviation_test_waits_for_enough_samples()
    {
        var (timeline, stats) = Primed(5);

        var queued = timeline.At(80, extraOffsetSeconds: 2e-3, delay: TimeInterval.FromMilliseconds(6));

        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(queued, stats));
        stats.Accumulate(timeline.At(80));
        Assert.Equal(SampleVerdict.DelayDeviationExceeded, Filter.Evaluate(timeline.At(96, extraOffsetSeconds: 2e-3, delay: TimeInterval.FromMilliseconds(6)), stats));
    }
}
