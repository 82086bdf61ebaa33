using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Clock;

/// <summary>Builds the SourceUpdate a source actor would send after a sample at <c>now</c>.</summary>
internal static class Updates
{
    public static SourceUpdate Make(
        int id,
        SystemTime now,
        double offsetSeconds,
        double distanceSeconds = 0.001,
        double frequencyPpm = 0,
        int stratum = 1,
        bool reachable = true,
        bool usable = true,
        bool newSample = true,
        LeapIndicator leap = LeapIndicator.NoWarning)
    {
        var lastAgo = TimeInterval.FromSeconds(0.5);
        var sampleTime = now - lastAgo;
        var sampleOffset = offsetSeconds + (lastAgo.TotalSeconds * frequencyPpm * 1e-6);
        var estimate = new SourceEstimate(
            sampleTime,
            TimeInterval.FromSeconds(sampleOffset),
            TimeInterval.FromMicroseconds(20),
            frequencyPpm,
            0.01,
            0.05,
            TimeInterval.FromMicroseconds(30),
            8,
            5,
            TimeInterval.FromSeconds(distanceSeconds),
            TimeInterval.FromSeconds(distanceSeconds / 2),
            usable);
        var data = new SelectionData(usable, TimeInterval.FromSeconds(offsetSeconds), TimeInterval.FromSeconds(distanceSeconds),
            TimeInterval.FromMicroseconds(30), TimeInterval.FromSeconds(512), lastAgo, stratum, leap, estimate);
        var report = new SourceReport($"server{id}", $"10.200.0.{id}:123", SourceSelectionState.Unusable, 0xff, 6,
            offsetSeconds, 0.0004, 8, false, default, default, default);
        return new SourceUpdate(id, reachable, false, data, newSample ? Sample(sampleTime, offsetSeconds, stratum, leap) : null, report);
    }

    private static Timing.Sources.SourceSample Sample(SystemTime time, double offsetSeconds, int stratum, LeapIndicator leap) =>
        new(time, TimeInterval.FromSeconds(offsetSeconds), TimeInterval.FromMicroseconds(400), TimeInterval.FromMicroseconds(10),
            TimeInterval.FromMicroseconds(400), TimeInterval.FromMicroseconds(10), stratum, leap,
            Timing.Time.TimestampSource.Kernel, Timing.Time.TimestampSource.Kernel, false);
}
