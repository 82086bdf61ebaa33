using TimeActors.Timing.Discipline;
using TimeActors.Timing.Time;
using static TimeActors.Timing.Tests.Discipline.Estimates;

namespace TimeActors.Timing.Tests.Discipline;

public class StepPolicyTests
{
    private static ClockController Controller(StepPolicy policy) =>
        new(new ClockControllerSettings { StepPolicy = policy }, 0, steering: true);

    [Fact]
    public void An_offset_beyond_the_threshold_steps_only_during_the_first_updates()
    {
        var c = Controller(StepPolicy.FirstUpdates(TimeInterval.FromSeconds(0.1), 2));

        var first = c.Update(Make(At(0), 0.5), At(0));
        Assert.Equal(TimeInterval.FromSeconds(0.5), first.Step);
        Assert.Contains("update 1 of 2", first.StepReason, StringComparison.Ordinal);

        var second = c.Update(Make(At(64.5), 0.3), At(64.5));
        Assert.Equal(TimeInterval.FromSeconds(0.3), second.Step);

        // The third update is past the limit: the same kind of offset is slewed.
        var third = c.Update(Make(At(129), 0.3), At(129));
        Assert.Null(third.Step);
        Assert.True(third.FrequencyPpm > 0, "a positive offset (clock behind) is slewed by running faster");
        Assert.Equal(3, c.Updates);
    }

    [Fact]
    public void An_offset_within_the_threshold_is_slewed_even_while_steps_are_allowed_and_still_uses_up_the_count()
    {
        var c = Controller(StepPolicy.FirstUpdates(TimeInterval.FromSeconds(0.1), 1));

        var small = c.Update(Make(At(0), 0.05), At(0));
        var large = c.Update(Make(At(64), 0.5), At(64));

        Assert.Null(small.Step);
        Assert.Null(large.Step);
    }

    [Fact]
    public void Never_slews_any_offset_and_always_steps_any_offset_beyond_the_threshold()
    {
        var never = Controller(StepPolicy.Never);
        var always = Controller(StepPolicy.Always(TimeInterval.FromSeconds(1)));

        Assert.Null(never.Update(Make(At(0), 1000), At(0)).Step);
        for (var i = 0; i < 5; i++)
        {
            var t = At(1000 + i * 64);
            Assert.Equal(TimeInterval.FromSeconds(-2), always.Update(Make(t, -2), t).Step);
        }

        Assert.Null(always.Update(Make(At(2000), 0.9), At(2000)).Step);
    }

    [Fact]
    public void A_step_moves_the_frequency_change_onto_the_new_timescale_and_leaves_nothing_to_slew()
    {
        var c = Controller(StepPolicy.Always(TimeInterval.FromSeconds(0.1)));

        var d = c.Update(Make(At(0), 2.0, frequencyPpm: 0), At(0));

        Assert.Equal(At(0), d.StepAt);
        Assert.Equal(At(2), d.FrequencyAt);
        Assert.Equal(0, d.FrequencyPpm!.Value, 9);
        Assert.Null(d.NextWakeup);
        Assert.Equal(TimeInterval.Zero, c.RemainingOffsetAt(At(3)));
    }

    [Fact]
    public void Policy_limits_are_validated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StepPolicy.FirstUpdates(TimeInterval.FromSeconds(1), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ClockController(new ClockControllerSettings { StepPolicy = new StepPolicy(TimeInterval.FromSeconds(-1), 3) }, 0, true));
        Assert.True(StepPolicy.Always(TimeInterval.Zero).AllowsStepAt(1_000_000));
        Assert.False(StepPolicy.Never.AllowsStepAt(0));
    }
}
