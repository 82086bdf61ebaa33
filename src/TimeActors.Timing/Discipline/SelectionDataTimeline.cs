using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Discipline;

/// <summary>
/// Keeps a copy of a source's <see cref="SelectionData"/> valid while it waits for the next update:
/// aged along its regression to a later time, and moved onto the clock's new timescale after a step
/// or a frequency change, with the same rules as <see cref="SourceStatistics.ApplyClockStep"/> and
/// <see cref="SourceStatistics.ApplyFrequencyChange"/>.
/// </summary>
public static class SelectionDataTimeline
{
    /// <summary>The local time the data was computed at (its newest sample's time plus that sample's age).</summary>
    public static SystemTime TimeOf(in SelectionData data) => data.Estimate.ReferenceTime + data.LastSampleAgo;

    /// <summary>The data as <see cref="SourceStatistics.GetSelectionData"/> would give it <paramref name="elapsed"/> later, without new samples.</summary>
    public static SelectionData Age(in SelectionData data, TimeInterval elapsed)
    {
        if (elapsed == TimeInterval.Zero || !data.Usable)
            return data with { FirstSampleAgo = data.FirstSampleAgo + elapsed, LastSampleAgo = data.LastSampleAgo + elapsed };

        var seconds = elapsed.TotalSeconds;
        return data with
        {
            Offset = data.Offset - TimeInterval.FromSeconds(seconds * data.Estimate.FrequencyPpm * 1e-6),
            RootDistance = data.RootDistance + TimeInterval.FromSeconds(Math.Abs(seconds) * data.Estimate.SkewPpm * 1e-6),
            FirstSampleAgo = data.FirstSampleAgo + elapsed,
            LastSampleAgo = data.LastSampleAgo + elapsed,
        };
    }

    /// <summary>The clock was stepped by <paramref name="step"/>: readings are that much larger, offsets that much smaller.</summary>
    public static SelectionData AfterStep(in SelectionData data, TimeInterval step) => data with
    {
        Offset = data.Offset - step,
        Estimate = data.Estimate with
        {
            ReferenceTime = data.Estimate.ReferenceTime + step,
            Offset = data.Estimate.Offset - step,
        },
    };

    /// <summary>
    /// The clock's rate changed by <paramref name="deltaPpm"/> at <paramref name="when"/>. The data
    /// must have been computed at <paramref name="when"/> (age it first); its offset there stays,
    /// the regression is re-expressed as if the new rate had always applied.
    /// </summary>
    public static SelectionData AfterFrequencyChange(in SelectionData data, SystemTime when, double deltaPpm)
    {
        var delta = deltaPpm * 1e-6;
        var e = data.Estimate;
        var shift = (e.ReferenceTime - when).TotalSeconds * delta;
        var lastAgo = data.LastSampleAgo.TotalSeconds * (1 + delta);
        var firstAgo = data.FirstSampleAgo.TotalSeconds * (1 + delta);
        return data with
        {
            FirstSampleAgo = TimeInterval.FromSeconds(firstAgo),
            LastSampleAgo = TimeInterval.FromSeconds(lastAgo),
            Estimate = e with
            {
                ReferenceTime = e.ReferenceTime + TimeInterval.FromSeconds(shift),
                Offset = e.Offset - TimeInterval.FromSeconds(shift),
                FrequencyPpm = (e.FrequencyPpm * 1e-6 + delta) / (1 + delta) * 1e6,
            },
        };
    }
}
