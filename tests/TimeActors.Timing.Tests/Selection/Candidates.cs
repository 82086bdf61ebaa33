using TimeActors.Timing.Selection;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Selection;

/// <summary>Builds selection candidates with explicit intervals (milliseconds) at a fixed time.</summary>
internal static class Candidates
{
    public static readonly SystemTime Now = new(1_800_000_000L * 1_000_000_000L);

    public static SelectionCandidate Make(
        int id,
        double offsetMs,
        double distanceMs,
        int stratum = 2,
        double jitterMs = 0.05,
        double frequencyPpm = 0,
        double skewPpm = 0.1,
        LeapIndicator leap = LeapIndicator.NoWarning,
        bool reachable = true,
        bool usable = true,
        bool noSelect = false,
        double lastSampleAgoSeconds = 10)
    {
        var distance = TimeInterval.FromMilliseconds(distanceMs);
        var estimate = new SourceEstimate(
            Now,
            TimeInterval.FromMilliseconds(offsetMs),
            TimeInterval.FromMicroseconds(20),
            frequencyPpm,
            skewPpm / 4,
            skewPpm,
            TimeInterval.FromMilliseconds(jitterMs),
            usable ? 8 : 2, // without a regression a source has fewer than three samples
            5,
            distance,
            TimeInterval.FromMilliseconds(distanceMs / 2),
            usable);
        var data = new SelectionData(usable, TimeInterval.FromMilliseconds(offsetMs), distance, TimeInterval.FromMilliseconds(jitterMs),
            TimeInterval.FromSeconds(usable ? 512 : 64 + lastSampleAgoSeconds), TimeInterval.FromSeconds(lastSampleAgoSeconds), stratum, leap, estimate);
        return new SelectionCandidate(id, reachable, noSelect, data);
    }
}
