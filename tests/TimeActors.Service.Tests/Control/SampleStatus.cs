using TimeActors.Service.Status;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Control;

/// <summary>A status with every field set to a distinct value, so a swapped or dropped field shows.</summary>
internal static class SampleStatus
{
    public static ServiceStatus Create() => new(
        new TrackingReport(true, "ntp1.example", 0x0AC80001, 3, 1.25e-5, -12.5, 2.5e-6, 0.000375, 0.0125, LeapIndicator.InsertSecond, "observe"),
        [
            new SourceReport(
                "ntp1.example", "10.200.0.1:123", SourceSelectionState.Selected, 0xFF, 6, 1.25e-5, 0.00025, 8, true,
                new TimestampCounts(11, 12, 13), new TimestampCounts(21, 22, 23), new SavedResponseCounts(31, 32, 33, 34, 35)),
            new SourceReport(
                "pool.example", null, SourceSelectionState.Unreachable, 0, 10, null, null, 0, false,
                default, default, default),
        ],
        new ServerReport(101, 102, 103, 104, 105, 106, new TimestampCounts(201, 202, 203), new TimestampCounts(301, 302, 303)));
}
