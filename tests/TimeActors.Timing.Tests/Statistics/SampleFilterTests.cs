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
        var allowance = stats.Estimate.StdDev.TotalSeconds * 10;

        var slightlySlower = timeline.At(160, delay: TimeInterval.FromSeconds(1e-3 + allowance));

        Assert.Equal(SampleVerdict.Accepted, Filter.Evaluate(slightlySlower, stats));
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
