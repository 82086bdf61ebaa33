using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Clock;
using TimeActors.Service.Messages;
using TimeActors.Timing.Discipline;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Clock;

/// <summary>
/// The clock actor steering a fake clock with a constant frequency error through scripted sources
/// with real statistics, in virtual time: the whole control path (selection, discipline, writes,
/// re-referencing events) must converge, and a wrong server must not pull the clock.
/// </summary>
public sealed class ClockLoopTests : TestKit
{
    private static readonly DateTimeOffset Start = new(2027, 3, 15, 0, 0, 0, TimeSpan.Zero);

    public ClockLoopTests()
        : base(new ActorSystemSettings { UseVirtualTime = true, VirtualTimeStart = Start })
    {
    }

    private SystemTime TrueNow() => new((Sys.Scheduler.Now - DateTimeOffset.UnixEpoch).Ticks * 100);

    [Fact]
    public void Control_mode_converges_on_three_servers_and_ignores_a_falseticker()
    {
        var clock = new FakeSystemClock(TrueNow, oscillatorPpm: 35, initialOffsetSeconds: 0.8);
        var actor = Sys.ActorOf(ClockActor.Props(new ClockActorOptions
        {
            Mode = ClockMode.Control,
            StepPolicy = StepPolicy.FirstUpdates(TimeInterval.FromSeconds(0.5), 3),
        }, clock), "clock");

        var errors = new[] { 0.0, 0.0, 0.0, 0.2 };
        for (var i = 0; i < errors.Length; i++)
        {
            var id = i + 1;
            var error = errors[i];
            Sys.ActorOf(Props.Create(() => new ScriptedSource(id, actor, clock, error, 20e-6, TimeSpan.FromSeconds(64))), $"source{id}");
        }

        double maxErrorLastHour = 0;
        for (var minute = 0; minute < 3 * 60; minute++)
        {
            Advance(TimeSpan.FromMinutes(1));
            if (minute >= 2 * 60)
                maxErrorLastHour = Math.Max(maxErrorLastHour, Math.Abs(clock.Error().TotalSeconds));
        }

        actor.Tell(GetClockStatus.Instance, TestActor);
        var status = ExpectMsg<ClockStatus>();

        Assert.Single(clock.Steps); // 0.8 s stepped once, within the policy
        Assert.True(maxErrorLastHour < 30e-6, $"clock error in the third hour up to {maxErrorLastHour * 1e6:F1} µs");
        Assert.Equal(-35, clock.FrequencyPpm, 0.5);
        Assert.True(status.Tracking.Synchronized);
        Assert.Equal(SourceSelectionState.Falseticker, status.Sources[3].State);
        Assert.Contains(status.Sources.Take(3), s => s.State == SourceSelectionState.Selected);
        Assert.Equal("control", status.Tracking.Mode);
    }
}
