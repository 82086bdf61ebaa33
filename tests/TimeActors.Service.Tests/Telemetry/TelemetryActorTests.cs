using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Status;
using TimeActors.Service.Telemetry;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>The telemetry actor keeps the snapshot fed: status from the guardian, tracking and update interval from the event stream.</summary>
public sealed class TelemetryActorTests : TestKit
{
    private static TrackingUpdated Update(double offsetSeconds, long referenceSeconds) => new(
        new TrackingReport(true, "a", 1, 2, offsetSeconds, 0, 0, 0, 0, LeapIndicator.NoWarning, "observe"),
        new ServerTrackingState(LeapIndicator.NoWarning, 2, -20, TimeInterval.Zero, TimeInterval.Zero, 1, new SystemTime(referenceSeconds * 1_000_000_000L)));

    [Fact]
    public void Status_replies_and_tracking_events_become_snapshots_with_the_interval_between_clock_updates()
    {
        using var metrics = new ServiceMetrics("observe");
        var guardian = CreateTestProbe("guardian");
        Sys.ActorOf(TelemetryActor.Props(guardian, metrics, TimeSpan.FromMinutes(1)), "telemetry");

        // Asked at once; the guardian's answer is published whole.
        guardian.ExpectMsg<GetStatus>();
        var source = new SourceReport("a", "10.200.0.1:123", Timing.Selection.SourceSelectionState.Selected, 1, 4, null, null, 0, false, default, default, default);
        guardian.Reply(new ServiceStatus(TrackingReport.Unsynchronized("observe"), [source], ServerReport.Empty));
        AwaitAssert(() => Assert.Single(metrics.Snapshot.Status.Sources));

        // Two updates with the same reference time are one clock update; a later one gives the interval.
        Sys.EventStream.Publish(Update(0.001, 1000));
        Sys.EventStream.Publish(Update(0.001, 1000));
        AwaitAssert(() => Assert.Equal(0.001, metrics.Snapshot.Status.Tracking.OffsetSeconds));
        Assert.Null(metrics.Snapshot.UpdateIntervalSeconds);
        Sys.EventStream.Publish(Update(0.002, 1016));
        AwaitAssert(() => Assert.Equal(16, metrics.Snapshot.UpdateIntervalSeconds));
        Assert.Equal(0.002, metrics.Snapshot.Status.Tracking.OffsetSeconds);
        Assert.Single(metrics.Snapshot.Status.Sources); // tracking events keep the sources
    }
}
