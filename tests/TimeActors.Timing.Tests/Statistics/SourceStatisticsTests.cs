using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Statistics;

public class SourceStatisticsTests
{
    private const double PollSeconds = 64;

    private static SourceStatistics Feed(SampleTimeline timeline, int count, double startSeconds = 0, SourceStatistics? stats = null)
    {
        stats ??= new SourceStatistics();
        for (var i = 0; i < count; i++)
            stats.Accumulate(timeline.At(startSeconds + i * PollSeconds));
        return stats;
    }

    [Fact]
    public void Fewer_than_three_samples_give_no_regression_and_worst_case_bounds()
    {
        var timeline = new SampleTimeline();
        var stats = Feed(timeline, 2);

        Assert.False(stats.HasRegression);
        Assert.Equal(SourceStatistics.WorstCaseFrequencyBoundPpm, stats.Estimate.SkewPpm);
        Assert.Equal(SourceStatistics.WorstCaseStdDev, stats.Estimate.StdDev);
        Assert.Equal(timeline.At(PollSeconds).Offset, stats.Estimate.Offset);
        Assert.False(stats.GetSelectionData(SampleTimeline.Epoch + TimeInterval.FromSeconds(PollSeconds)).Usable);

        stats.Accumulate(timeline.At(2 * PollSeconds));
        Assert.True(stats.HasRegression);
        Assert.True(stats.GetSelectionData(SampleTimeline.Epoch + TimeInterval.FromSeconds(2 * PollSeconds)).Usable);
    }

    [Fact]
    public void Noise_free_drift_is_recovered_exactly_with_chrony_sign_of_frequency()
    {
        // The local clock gains 12.5 ppm on the source: the offset (source - local) falls.
        var timeline = new SampleTimeline { FrequencyPpm = 12.5, OffsetAtEpochSeconds = 0.002 };
        var stats = Feed(timeline, 10);
        var e = stats.Estimate;

        Assert.Equal(12.5, e.FrequencyPpm, 1e-6);
        var newest = SampleTimeline.Epoch + TimeInterval.FromSeconds(9 * PollSeconds);
        Assert.Equal(newest, e.ReferenceTime);
        Assert.Equal(timeline.TrueOffsetSeconds(newest), e.Offset.TotalSeconds, 1e-9);

        var later = newest + TimeInterval.FromSeconds(1000);
        Assert.Equal(timeline.TrueOffsetSeconds(later), e.OffsetAt(later).TotalSeconds, 1e-8);

        // Residuals are rounding noise, whose signs the runs test may read as a pattern: it may trim,
        // never below minsamples.
        Assert.InRange(e.Samples, 6, 10);
    }

    [Fact]
    public void Noisy_samples_give_std_dev_near_the_noise_and_a_skew_that_bounds_the_frequency_error()
    {
        var timeline = new SampleTimeline(seed: 7) { FrequencyPpm = -3, NoiseSeconds = 100e-6 };
        var stats = Feed(timeline, 40);
        var e = stats.Estimate;

        Assert.InRange(e.StdDev.TotalSeconds, 60e-6, 140e-6);
        Assert.True(Math.Abs(e.FrequencyPpm - -3) <= e.SkewPpm, $"freq {e.FrequencyPpm} skew {e.SkewPpm}");
        Assert.True(e.SkewPpm < 1, $"skew {e.SkewPpm}");
        Assert.True(e.OffsetSd.TotalSeconds < 100e-6);
    }

    [Fact]
    public void Minimum_distance_std_dev_is_the_scatter_of_the_fastest_samples_not_of_an_average_one()
    {
        var equal = new SampleTimeline(seed: 7) { NoiseSeconds = 100e-6 };
        var stats = Feed(equal, 2);
        Assert.Equal(SourceStatistics.WorstCaseStdDev, stats.MinimumDistanceStdDev);

        // Equal delays, equal weights: both SDs are the same number.
        stats = Feed(equal, 38, 2 * PollSeconds, stats);
        Assert.Equal(stats.Estimate.StdDev.TotalSeconds, stats.MinimumDistanceStdDev.TotalSeconds, 1e-12);

        // One sample in four is fast (10 ms round trip, ±1 ms); the rest queued (200 ms, ±20 ms,
        // which their weights, 20² times the fast ones', describe exactly). Alternating signs keep
        // every sample in the regression.
        var mixed = new SourceStatistics();
        for (var i = 0; i < 24; i++)
        {
            var fast = i % 4 == 0;
            var sign = i % 2 == 0 ? 1 : -1;
            var time = SampleTimeline.Epoch + TimeInterval.FromSeconds(i * PollSeconds);
            mixed.Accumulate(SampleTimeline.Sample(time, TimeInterval.FromSeconds(sign * (fast ? 1e-3 : 20e-3)),
                TimeInterval.FromMilliseconds(fast ? 10 : 200), TimeInterval.FromMicroseconds(10)));
        }

        Assert.Equal(24, mixed.SampleCount);
        Assert.InRange(mixed.MinimumDistanceStdDev.TotalSeconds, 0.7e-3, 1.5e-3);
        Assert.True(mixed.Estimate.StdDev.TotalSeconds > 1.5 * mixed.MinimumDistanceStdDev.TotalSeconds,
            $"average {mixed.Estimate.StdDev} vs minimum-distance {mixed.MinimumDistanceStdDev}");
    }

    [Fact]
    public void Runs_test_drops_samples_from_before_a_frequency_change()
    {
        var timeline = new SampleTimeline(seed: 3) { FrequencyPpm = 0, NoiseSeconds = 20e-6 };
        var stats = Feed(timeline, 30);

        // The oscillator changes rate by 50 ppm (e.g. temperature): the old samples no longer fit.
        var changeAt = 30 * PollSeconds;
        timeline.OffsetAtEpochSeconds = timeline.TrueOffsetSeconds(SampleTimeline.Epoch + TimeInterval.FromSeconds(changeAt))
            + 50e-6 * changeAt;
        timeline.FrequencyPpm = 50;
        Feed(timeline, 15, changeAt, stats);

        // A line through all 45 samples would sit far from 50 ppm; the trimmed one is close to it.
        Assert.True(stats.SampleCount <= 17, $"kept {stats.SampleCount}");
        Assert.True(stats.HistoryCount > 0);
        Assert.Equal(50, stats.Estimate.FrequencyPpm, 2.0);
    }

    [Fact]
    public void Minimum_delay_is_taken_over_the_regression_samples_not_the_runs_test_history()
    {
        // Samples from before a frequency change, kept only as history for the runs test, had a
        // 100 µs round trip; every sample since has 500 µs. The delay filter measures increases from
        // the minimum, so the old 100 µs must no longer count once the regression dropped it.
        var timeline = new SampleTimeline(seed: 3) { FrequencyPpm = 0, NoiseSeconds = 20e-6, Delay = TimeInterval.FromMicroseconds(100) };
        var stats = Feed(timeline, 30);
        Assert.Equal(100_000, stats.MinimumDelay.Nanoseconds);

        var changeAt = 30 * PollSeconds;
        timeline.OffsetAtEpochSeconds = timeline.TrueOffsetSeconds(SampleTimeline.Epoch + TimeInterval.FromSeconds(changeAt))
            + 50e-6 * changeAt;
        timeline.FrequencyPpm = 50;
        timeline.Delay = TimeInterval.FromMicroseconds(500);
        Feed(timeline, 20, changeAt, stats);

        Assert.True(stats.HistoryCount > 0 && stats.SampleCount <= 20, $"regression {stats.SampleCount}, history {stats.HistoryCount}");
        Assert.Equal(500_000, stats.MinimumDelay.Nanoseconds);
    }

    [Fact]
    public void Without_a_change_the_register_is_capped_at_max_samples_with_bounded_history()
    {
        var timeline = new SampleTimeline(seed: 5) { NoiseSeconds = 20e-6, AlternatingNoise = true };
        var stats = Feed(timeline, 200);

        Assert.Equal(SourceStatisticsSettings.SampleLimit, stats.SampleCount);
        Assert.InRange(stats.HistoryCount, 1, stats.SampleCount * (WeightedRegression.RunsRatio - 1));

        var small = Feed(new SampleTimeline(seed: 5) { NoiseSeconds = 20e-6, AlternatingNoise = true }, 50, 0, new SourceStatistics(new SourceStatisticsSettings { MaxSamples = 16 }));
        Assert.Equal(16, small.SampleCount);
    }

    [Fact]
    public void A_sample_with_a_long_delay_weighs_less_than_the_same_error_with_a_short_delay()
    {
        SourceStatistics Run(TimeInterval outlierDelay)
        {
            var timeline = new SampleTimeline(seed: 11) { NoiseSeconds = 5e-6 };
            var stats = Feed(timeline, 12);
            stats.Accumulate(timeline.At(12 * PollSeconds, extraOffsetSeconds: 1e-3, delay: outlierDelay));
            return stats;
        }

        var truth = new SampleTimeline().TrueOffsetSeconds(SampleTimeline.Epoch + TimeInterval.FromSeconds(12 * PollSeconds));
        var shortDelay = Math.Abs(Run(TimeInterval.FromMicroseconds(500)).Estimate.Offset.TotalSeconds - truth);
        var longDelay = Math.Abs(Run(TimeInterval.FromMilliseconds(20)).Estimate.Offset.TotalSeconds - truth);

        Assert.True(longDelay < shortDelay / 3, $"short {shortDelay} long {longDelay}");
    }

    [Fact]
    public void A_sample_older_than_the_newest_discards_the_history()
    {
        var timeline = new SampleTimeline();
        var stats = Feed(timeline, 10);

        stats.Accumulate(timeline.At(5 * PollSeconds));

        Assert.Equal(1, stats.SampleCount);
        Assert.Equal(1, stats.StoredSamples);
        Assert.False(stats.HasRegression);
    }

    [Fact]
    public void A_clock_step_moves_stored_samples_so_the_regression_continues()
    {
        var timeline = new SampleTimeline(seed: 2) { OffsetAtEpochSeconds = 0.250, FrequencyPpm = 4, NoiseSeconds = 10e-6, AlternatingNoise = true };
        var stats = Feed(timeline, 20);
        var stepAt = SampleTimeline.Epoch + TimeInterval.FromSeconds(20 * PollSeconds - 10);
        var step = TimeInterval.FromSeconds(timeline.TrueOffsetSeconds(stepAt));
        var before = stats.Estimate;

        // The discipline steps the local clock forward by the measured offset.
        stats.ApplyClockStep(step);

        Assert.Equal(before.ReferenceTime + step, stats.Estimate.ReferenceTime);
        Assert.InRange(stats.Estimate.Offset.Nanoseconds - (before.Offset - step).Nanoseconds, -1, 1);
        Assert.True(Math.Abs(stats.Estimate.OffsetAt(stepAt + step).TotalSeconds) < 50e-6);

        // From now on the clock reads `step` more; samples are measured on that timeline.
        var after = new SampleTimeline(seed: 9)
        {
            OffsetAtEpochSeconds = timeline.OffsetAtEpochSeconds - step.TotalSeconds - 4e-6 * step.TotalSeconds,
            FrequencyPpm = 4,
            NoiseSeconds = 10e-6,
            AlternatingNoise = true,
        };
        for (var i = 0; i < 5; i++)
            stats.Accumulate(after.At(20 * PollSeconds + step.TotalSeconds + i * PollSeconds));

        Assert.Equal(25, stats.SampleCount);
        Assert.Equal(4, stats.Estimate.FrequencyPpm, 0.5);
        Assert.True(Math.Abs(stats.Estimate.Offset.TotalSeconds - after.TrueOffsetSeconds(stats.Estimate.ReferenceTime)) < 20e-6);
    }

    [Fact]
    public void A_frequency_change_rereferences_samples_keeping_the_offset_at_the_change()
    {
        var timeline = new SampleTimeline(seed: 4) { OffsetAtEpochSeconds = 0.001, FrequencyPpm = 20, NoiseSeconds = 5e-6, AlternatingNoise = true };
        var stats = Feed(timeline, 20);
        var when = SampleTimeline.Epoch + TimeInterval.FromSeconds(19 * PollSeconds + 30);
        var offsetAtWhen = stats.Estimate.OffsetAt(when);

        // The discipline slows the local clock by the 20 ppm it gains.
        stats.ApplyFrequencyChange(when, -20);

        Assert.Equal(0, stats.Estimate.FrequencyPpm, 0.5);
        Assert.Equal(offsetAtWhen.TotalSeconds, stats.Estimate.OffsetAt(when).TotalSeconds, 1e-6);

        // The clock now keeps the source's rate: offset frozen at its value at `when`.
        var after = new SampleTimeline(seed: 8)
        {
            OffsetAtEpochSeconds = timeline.TrueOffsetSeconds(when),
            FrequencyPpm = 0,
            NoiseSeconds = 5e-6,
            AlternatingNoise = true,
        };
        for (var i = 1; i <= 10; i++)
            stats.Accumulate(after.At(19 * PollSeconds + 30 + i * PollSeconds));

        Assert.Equal(30, stats.SampleCount);
        Assert.Equal(0, stats.Estimate.FrequencyPpm, 0.2);
    }

    [Fact]
    public void A_round_trip_measured_during_a_slew_is_rescaled_when_the_rate_changes_back()
    {
        // A 200 µs round trip read on a clock slewing at -1/12 (full rate) reads 183.33 µs. When the
        // slew ends (rate 11/12 -> 1, relative change 1/11) the stored delay must read 200 µs again,
        // or it stays the minimum and the delay filter rejects every honest 200 µs sample after it.
        var stats = new SourceStatistics();
        var slewed = TimeInterval.FromSeconds(200e-6 * 11 / 12);
        stats.Accumulate(SampleTimeline.Sample(SampleTimeline.Epoch, TimeInterval.Zero, slewed, new TimeInterval(30)));

        stats.ApplyFrequencyChange(SampleTimeline.Epoch + TimeInterval.FromSeconds(1), 1e6 / 11);

        Assert.InRange(stats.MinimumDelay.Nanoseconds, 199_999, 200_001);
        var filter = new SampleFilter(SampleFilterSettings.Default, SourceStatisticsSettings.Default);
        Assert.Equal(SampleVerdict.Accepted, filter.Evaluate(
            SampleTimeline.Sample(SampleTimeline.Epoch + TimeInterval.FromSeconds(2), TimeInterval.Zero, TimeInterval.FromMicroseconds(200), new TimeInterval(30)), stats));
    }

    [Fact]
    public void Without_rereferencing_the_same_frequency_change_breaks_the_regression()
    {
        // Control for the test above: proves the re-referencing is what keeps the samples consistent.
        var timeline = new SampleTimeline(seed: 4) { OffsetAtEpochSeconds = 0.001, FrequencyPpm = 20, NoiseSeconds = 5e-6, AlternatingNoise = true };
        var stats = Feed(timeline, 20);
        var when = SampleTimeline.Epoch + TimeInterval.FromSeconds(19 * PollSeconds + 30);
        var after = new SampleTimeline(seed: 8) { OffsetAtEpochSeconds = timeline.TrueOffsetSeconds(when), NoiseSeconds = 5e-6, AlternatingNoise = true };
        for (var i = 1; i <= 10; i++)
            stats.Accumulate(after.At(19 * PollSeconds + 30 + i * PollSeconds));

        Assert.True(stats.SampleCount < 30 || Math.Abs(stats.Estimate.FrequencyPpm) > 1);
    }

    [Fact]
    public void Selection_data_extrapolates_the_best_sample_and_grows_the_distance_with_age()
    {
        var timeline = new SampleTimeline { FrequencyPpm = 10 };
        var stats = Feed(timeline, 8);
        var newest = SampleTimeline.Epoch + TimeInterval.FromSeconds(7 * PollSeconds);
        var sample = timeline.At(7 * PollSeconds);

        var now = newest + TimeInterval.FromSeconds(10);
        var data = stats.GetSelectionData(now);

        Assert.True(data.Usable);
        Assert.Equal(timeline.TrueOffsetSeconds(now), data.Offset.TotalSeconds, 1e-8);
        var expected = 0.5 * sample.RootDelay.TotalSeconds + sample.RootDispersion.TotalSeconds + 10 * stats.Estimate.SkewPpm * 1e-6;
        Assert.Equal(expected, data.RootDistance.TotalSeconds, 1e-9);
        Assert.Equal(data.Offset - data.RootDistance, data.Low);

        // Silent for longer than the samples' span: distance grows by maxclockerror on top of skew.
        var muchLater = newest + TimeInterval.FromSeconds(10_000);
        var stale = stats.GetSelectionData(muchLater);
        var skewOnly = 0.5 * sample.RootDelay.TotalSeconds + sample.RootDispersion.TotalSeconds + 10_000 * stats.Estimate.SkewPpm * 1e-6;
        Assert.True(stale.RootDistance.TotalSeconds > skewOnly + 1e-6 * (2 * 10_000 - (10_000 + 7 * PollSeconds)) * 0.99);
        Assert.Equal(TimeInterval.FromSeconds(10_000), stale.LastSampleAgo);
    }

    [Fact]
    public void Accumulating_and_reading_selection_data_allocate_nothing()
    {
        var timeline = new SampleTimeline(seed: 13) { NoiseSeconds = 20e-6, FrequencyPpm = 2 };
        var samples = Enumerable.Range(0, 300).Select(i => timeline.At(i * PollSeconds)).ToArray();
        var stats = new SourceStatistics();
        for (var i = 0; i < 100; i++)
            stats.Accumulate(samples[i]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 100; i < 300; i++)
        {
            stats.Accumulate(samples[i]);
            stats.GetSelectionData(samples[i].LocalTime);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
