using TimeActors.Timing.Discipline;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Discipline;

public class ClockUpdateGateTests
{
    private static readonly TimeInterval Mono = TimeInterval.FromSeconds(1000);

    // Selection data computed at clock reading `computedAt` (newest sample 2 s earlier).
    private static SelectionData ComputedAt(SystemTime computedAt, bool usable = true)
    {
        var ago = TimeInterval.FromSeconds(2);
        var estimate = new SourceEstimate(computedAt - ago, TimeInterval.FromMilliseconds(1), TimeInterval.FromMicroseconds(10), 0, 0.01, 0.05,
            TimeInterval.FromMicroseconds(10), 8, 4, TimeInterval.FromMilliseconds(1), TimeInterval.FromMilliseconds(1), usable);
        return new SelectionData(usable, TimeInterval.FromMilliseconds(1), TimeInterval.FromMilliseconds(2), TimeInterval.FromMicroseconds(10),
            TimeInterval.FromSeconds(500), ago, 1, LeapIndicator.NoWarning, estimate);
    }

    [Fact]
    public void The_clock_is_updated_only_when_the_selected_source_has_unused_samples()
    {
        var gate = new ClockUpdateGate();
        var now = Estimates.At(0);

        Assert.True(gate.Admit(1, ComputedAt(now), newSample: true, now, Mono));
        Assert.True(gate.Admit(2, ComputedAt(now), newSample: true, now, Mono));

        // A new sample of another source alone does not update the clock.
        Assert.False(gate.TakeClockUpdate(3));
        Assert.False(gate.TakeClockUpdate(null));

        Assert.True(gate.TakeClockUpdate(1));

        // The update consumed every source's samples: the combined estimate already holds them.
        Assert.Equal(0, gate.NewSamples(1));
        Assert.Equal(0, gate.NewSamples(2));
        Assert.False(gate.TakeClockUpdate(1));
        Assert.False(gate.TakeClockUpdate(2));

        // Reachability-only updates (no sample) never update the clock.
        Assert.True(gate.Admit(1, ComputedAt(now), newSample: false, now, Mono));
        Assert.False(gate.TakeClockUpdate(1));

        Assert.True(gate.Admit(2, ComputedAt(now), newSample: true, now, Mono));
        Assert.True(gate.TakeClockUpdate(2));
    }

    [Theory]
    [InlineData(+1.5)]
    [InlineData(-1.5)]
    public void Within_the_window_after_our_step_an_update_from_the_old_timescale_is_refused(double stepSeconds)
    {
        var gate = new ClockUpdateGate();
        var before = Estimates.At(100);
        var step = TimeInterval.FromSeconds(stepSeconds);
        gate.OnStep(step, before, Mono);
        var after = before + step + TimeInterval.FromMilliseconds(5);

        // Computed just before the step: before the new timescale began (positive step) or later
        // than our own reading (negative step).
        Assert.False(gate.Admit(1, ComputedAt(before), newSample: true, after, Mono + TimeInterval.FromMilliseconds(5)));

        // The sample still counts: the re-sent update (without it) makes it usable.
        Assert.True(gate.Admit(1, ComputedAt(after), newSample: false, after, Mono + TimeInterval.FromMilliseconds(6)));
        Assert.True(gate.TakeClockUpdate(1));
    }

    [Fact]
    public void The_window_closes_after_ten_seconds_and_unusable_data_is_never_refused()
    {
        var gate = new ClockUpdateGate();
        var before = Estimates.At(100);
        var step = TimeInterval.FromSeconds(2);
        gate.OnStep(step, before, Mono);
        var after = before + step;

        Assert.True(gate.Admit(1, ComputedAt(before, usable: false), newSample: false, after, Mono));
        Assert.False(gate.Admit(1, ComputedAt(before), newSample: false, after, Mono + ClockUpdateGate.StaleWindow - TimeInterval.FromMilliseconds(1)));
        Assert.True(gate.Admit(1, ComputedAt(before), newSample: false, after, Mono + ClockUpdateGate.StaleWindow));
    }

    [Fact]
    public void Without_a_step_every_update_is_admitted_and_a_removed_source_forgets_its_samples()
    {
        var gate = new ClockUpdateGate();
        var now = Estimates.At(0);

        Assert.True(gate.Admit(1, ComputedAt(now + TimeInterval.FromSeconds(30)), newSample: true, now, TimeInterval.Zero));
        gate.Remove(1);
        Assert.False(gate.TakeClockUpdate(1));
    }
}
