using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Tests.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Discipline;

public class PortAndTimelineTests
{
    [Theory]
    [InlineData(0.0, 10_000, 0.0)]
    [InlineData(499.5, 10_000, 499.5)]
    [InlineData(-500.0, 10_000, -500.0)]
    [InlineData(1234.5, 10_012, 34.5)]
    [InlineData(-1260.0, 9_987, 40.0)]
    [InlineData(-100_000.0, 9_000, 0.0)]
    [InlineData(83_333.333, 10_833, 33.333)]
    public void Corrections_beyond_500_ppm_move_the_tick(double ppm, long tickUs, double finePpm)
    {
        var (tick, fine) = SystemClockFrequency.Split(ppm, 10_000);

        Assert.Equal(tickUs, tick);
        Assert.Equal(finePpm, fine, 6);
        Assert.True(Math.Abs(fine) <= SystemClockFrequency.MaxFineFrequencyPpm);
        Assert.Equal(ppm, SystemClockFrequency.Combine(tick, fine, 10_000), 6);
    }

    [Fact]
    public void Corrections_beyond_the_tick_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemClockFrequency.Split(100_100, 10_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => SystemClockFrequency.Split(double.NaN, 10_000));
    }

    [Fact]
    public void Status_combines_tick_and_fine_frequency_and_reads_the_leap_bits()
    {
        var status = new SystemClockStatus(default, 12.25, 10_001, 10_000, SystemClockFlags.Insert | SystemClockFlags.Unsync,
            TimeInterval.FromSeconds(16), TimeInterval.Zero);

        Assert.Equal(112.25, status.FrequencyPpm, 9);
        Assert.Equal(SystemClockLeap.Insert, status.Leap);
        Assert.True(status.Unsynchronized);
    }

    [Fact]
    public void Leap_days_are_30_june_and_31_december_utc()
    {
        Assert.True(LeapCalendar.IsLeapDay(Estimates.Utc(2027, 6, 30, 0, 0, 0)));
        Assert.True(LeapCalendar.IsLeapDay(Estimates.Utc(2027, 12, 31, 23, 59, 59)));
        Assert.False(LeapCalendar.IsLeapDay(Estimates.Utc(2027, 7, 1, 0, 0, 0)));
        Assert.False(LeapCalendar.IsLeapDay(Estimates.Utc(2027, 3, 31, 12, 0, 0)));
        Assert.Equal(Estimates.Utc(2028, 1, 1, 0, 0, 0), LeapCalendar.EndOfDay(Estimates.Utc(2027, 12, 31, 0, 0, 0)));
        Assert.Equal(Estimates.Utc(2028, 1, 1, 0, 0, 0), LeapCalendar.EndOfDay(Estimates.Utc(2027, 12, 31, 23, 59, 59)));
    }

    [Fact]
    public void A_cached_selection_copy_follows_the_statistics_through_ageing_steps_and_frequency_changes()
    {
        var timeline = new SampleTimeline(seed: 11) { OffsetAtEpochSeconds = 0.004, FrequencyPpm = 12, NoiseSeconds = 5e-6 };
        var statistics = new SourceStatistics();
        for (var i = 0; i < 12; i++)
            statistics.Accumulate(timeline.At(i * 64.0));

        var t0 = SampleTimeline.Epoch + TimeInterval.FromSeconds(11 * 64.0 + 3);
        var copy = statistics.GetSelectionData(t0);
        Assert.Equal(t0, SelectionDataTimeline.TimeOf(copy));

        // Aged 40 s: the same as asking the statistics 40 s later.
        var t1 = t0 + TimeInterval.FromSeconds(40);
        copy = SelectionDataTimeline.Age(copy, t1 - t0);
        AssertClose(statistics.GetSelectionData(t1), copy);

        // A step of +0.25 s at t1.
        statistics.ApplyClockStep(TimeInterval.FromSeconds(0.25));
        copy = SelectionDataTimeline.AfterStep(copy, TimeInterval.FromSeconds(0.25));
        var t2 = t1 + TimeInterval.FromSeconds(0.25);
        AssertClose(statistics.GetSelectionData(t2), copy);

        // The clock runs 300 ppm faster from t2 on.
        statistics.ApplyFrequencyChange(t2, 300);
        copy = SelectionDataTimeline.AfterFrequencyChange(copy, t2, 300);
        AssertClose(statistics.GetSelectionData(t2), copy);
        var t3 = t2 + TimeInterval.FromSeconds(100);
        AssertClose(statistics.GetSelectionData(t3), SelectionDataTimeline.Age(copy, TimeInterval.FromSeconds(100)));
    }

    private static void AssertClose(SelectionData expected, SelectionData actual)
    {
        Assert.Equal(expected.Offset.TotalSeconds, actual.Offset.TotalSeconds, 8);
        Assert.Equal(expected.RootDistance.TotalSeconds, actual.RootDistance.TotalSeconds, 6);
        Assert.Equal(expected.LastSampleAgo.TotalSeconds, actual.LastSampleAgo.TotalSeconds, 3);
        Assert.Equal(expected.Estimate.FrequencyPpm, actual.Estimate.FrequencyPpm, 6);
        Assert.Equal(expected.Estimate.OffsetAt(SelectionDataTimeline.TimeOf(expected)).TotalSeconds,
            actual.Estimate.OffsetAt(SelectionDataTimeline.TimeOf(actual)).TotalSeconds, 8);
    }
}
