using TimeActors.Timing.Selection;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Tests.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Selection;

public class SelectionFromStatisticsTests
{
    [Fact]
    public void Three_good_servers_outvote_one_that_is_50_ms_off()
    {
        // The local clock is 3 ms behind and gains 8 ppm; server 4 serves time 50 ms fast.
        var errors = new[] { 0.0, 0.0, 0.0, 0.050 };
        var stats = new SourceStatistics[errors.Length];
        var timelines = new SampleTimeline[errors.Length];
        for (var s = 0; s < errors.Length; s++)
        {
            stats[s] = new SourceStatistics();
            timelines[s] = new SampleTimeline(seed: 100 + s)
            {
                OffsetAtEpochSeconds = 0.003 + errors[s],
                FrequencyPpm = 8,
                NoiseSeconds = 20e-6,
                Delay = TimeInterval.FromMicroseconds(400 + 200 * s),
            };
        }

        for (var i = 0; i < 16; i++)
        {
            for (var s = 0; s < errors.Length; s++)
                stats[s].Accumulate(timelines[s].At(i * 64.0 + s));
        }

        var now = SampleTimeline.Epoch + TimeInterval.FromSeconds(16 * 64.0);
        var candidates = stats.Select((st, s) => new SelectionCandidate(s + 1, true, false, st.GetSelectionData(now))).ToArray();
        var result = SourceSelector.Select(candidates, now, null);

        Assert.Equal(SelectionOutcome.Synchronized, result.Outcome);
        Assert.Equal(SourceSelectionState.Falseticker, result.StateOf(4));
        Assert.Equal(1, result.SelectedSourceId);
        var combined = result.Combined!.Value;
        Assert.Equal(timelines[0].TrueOffsetSeconds(now), combined.Offset.TotalSeconds, 50e-6);
        Assert.Equal(8, combined.FrequencyPpm, 0.5);
    }
}
