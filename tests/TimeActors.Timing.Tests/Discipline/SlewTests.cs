using TimeActors.Timing.Discipline;
using TimeActors.Timing.Time;
using static TimeActors.Timing.Tests.Discipline.Estimates;

namespace TimeActors.Timing.Tests.Discipline;

public class SlewTests
{
    [Fact]
    public void A_large_offset_is_slewed_at_the_maximum_rate_for_as_long_as_it_takes()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);

        var d = c.Update(Make(At(0), 1.0), At(0));

        // 1 s at 1e6/12 ppm takes 12 s of true time (chrony's maxslewrate). The clock, running
        // 1/12 fast meanwhile, reads 13 s by then: the wake-up is a clock reading.
        Assert.Null(d.Step);
        Assert.Equal(1e6 / 12, d.FrequencyPpm!.Value, 6);
        Assert.Equal(13.0, (d.NextWakeup!.Value - At(0)).TotalSeconds, 6);
        Assert.Equal(0.5, c.RemainingOffsetAt(At(6.5)).TotalSeconds, 6);
        Assert.Equal(0.0, c.RemainingOffsetAt(At(13)).TotalSeconds, 6);
    }

    [Fact]
    public void The_configured_max_slew_rate_bounds_the_correction_in_both_directions()
    {
        var c = new ClockController(new ClockControllerSettings { MaxSlewRatePpm = 500 }, 0, steering: true);

        var ahead = c.Update(Make(At(0), -0.1), At(0));
        Assert.Equal(-500, ahead.FrequencyPpm!.Value, 6);
        Assert.Equal(200.0 * (1 - 500e-6), (ahead.NextWakeup!.Value - At(0)).TotalSeconds, 3);
    }

    [Fact]
    public void An_offset_as_large_as_its_deviation_is_corrected_over_corrtimeratio_half_update_intervals()
    {
        ClockDecision SecondUpdate(ClockControllerSettings settings)
        {
            var c = new ClockController(settings, 0, steering: true);
            c.Update(Make(At(0), 0, offsetSdSeconds: 1e-3), At(0));
            return c.Update(Make(At(64), 1e-3, offsetSdSeconds: 1e-3), At(64));
        }

        // chrony's corrtimeratio 3: duration = 3 × 0.5 × SD × 64 s / |offset| = 96 s; rate = 1 ms / 96 s
        // (the clock reads 1 ms more meanwhile).
        var chrony = SecondUpdate(new ClockControllerSettings { CorrectionTimeRatio = 3 });
        Assert.Equal(96.001, (chrony.NextWakeup!.Value - At(64)).TotalSeconds, 6);
        Assert.Equal(1e-3 / 96 * 1e6, chrony.FrequencyPpm!.Value, 6);

        // Our default 0.5: 16 s, most of the offset gone well within the update interval.
        var ours = SecondUpdate(ClockControllerSettings.Default);
        Assert.Equal(16.001, (ours.NextWakeup!.Value - At(64)).TotalSeconds, 6);
    }

    [Fact]
    public void A_clear_offset_is_corrected_faster_than_a_noisy_one_of_the_same_size()
    {
        double Duration(double sd)
        {
            var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);
            c.Update(Make(At(0), 0, offsetSdSeconds: sd), At(0));
            var d = c.Update(Make(At(64), 2e-3, offsetSdSeconds: sd), At(64));
            return (d.NextWakeup!.Value - At(64)).TotalSeconds;
        }

        Assert.True(Duration(1e-5) < Duration(1e-3));
        Assert.Equal(1.002, Duration(1e-7), 6); // never shorter than one second (of true time; the clock reads 2 ms more)
    }

    [Fact]
    public void The_slew_ends_at_its_wakeup_and_the_frequency_returns_to_the_base()
    {
        var c = new ClockController(ClockControllerSettings.Default, 12.5, steering: true);
        var d = c.Update(Make(At(0), 0.01, frequencyPpm: 0), At(0));
        var slew = d.FrequencyPpm!.Value - 12.5;
        Assert.True(slew > 0);

        // Early wake-ups (the monotonic timer and the slewed clock disagree) ask to be called again.
        var early = c.OnTimer(d.NextWakeup!.Value - TimeInterval.FromMilliseconds(5));
        Assert.Null(early.FrequencyPpm);
        Assert.Equal(d.NextWakeup, early.NextWakeup);

        var end = c.OnTimer(d.NextWakeup!.Value);
        Assert.Equal(12.5, end.FrequencyPpm!.Value, 9);
        Assert.Equal(-slew / (1 + ((12.5 + slew) * 1e-6)), end.FrequencyDeltaPpm, 9);
        Assert.Null(end.NextWakeup);
        Assert.Equal(12.5, c.AppliedFrequencyPpm, 9);
    }

    [Fact]
    public void The_slew_never_pushes_the_whole_correction_beyond_the_frequency_limit()
    {
        var c = new ClockController(new ClockControllerSettings { MaxFrequencyPpm = 1000, MaxSlewRatePpm = 5000 }, 900, steering: true);

        var d = c.Update(Make(At(0), 1.0), At(0));

        Assert.Equal(1000, d.FrequencyPpm!.Value, 6);
        Assert.Equal(1.0 / 100e-6 * (1 + 100e-6), (d.NextWakeup!.Value - At(0)).TotalSeconds, 3);
    }

    [Fact]
    public void Frequency_changes_carry_the_delta_that_sources_must_apply()
    {
        var c = new ClockController(ClockControllerSettings.Default, 3, steering: true);

        var d = c.Update(Make(At(0), 0, frequencyPpm: 20, skewPpm: 0.1), At(0));

        // The clock gains 20 ppm (per second it reads) on the source: the first estimate is taken
        // whole (nothing known before), so the rate changes by exactly that, relative to before,
        // and the regression's slope becomes zero.
        Assert.Equal(3 - 20, d.FrequencyPpm!.Value, 3);
        Assert.Equal(-20, d.FrequencyDeltaPpm, 9);
        Assert.Equal(At(0), d.FrequencyAt);
    }

    [Fact]
    public void A_measurement_taken_during_a_full_rate_slew_teaches_the_base_nothing_false()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);
        var d = c.Update(Make(At(0), -0.1, skewPpm: 0.01), At(0));
        Assert.Equal(-1e6 / 12, d.FrequencyPpm!.Value, 6);

        // Half a second later the oscillator (perfect) is unchanged; the clock runs at 11/12 and its
        // offset grows by 1/11 of each second it reads: the sources say -90909 ppm.
        c.Update(Make(At(0.5), -0.1 + (0.5 / 12), frequencyPpm: -1e6 / 11, skewPpm: 0.01), At(0.5));

        Assert.InRange(c.Tracking(At(0.5)).FrequencyPpm, -0.001, 0.001);
    }

    [Fact]
    public void Re_referencing_deltas_are_relative_to_the_rate_before_the_change()
    {
        // From a full-rate slew back to the base: the clock's rate goes from 1 + 1/12 to 1, which
        // is 1/13 slower relative to before (a sample 120 clock-seconds old is 120/13 s off, not 10 s).
        Assert.Equal(-1e6 / 13, ClockController.RelativeRateChangePpm(1e6 / 12, 0), 6);
        Assert.Equal(20, ClockController.RelativeRateChangePpm(0, 20), 12);
        Assert.Equal(0, ClockController.RelativeRateChangePpm(-37, -37), 12);
    }

    [Fact]
    public void Later_frequency_measurements_are_blended_by_skew_and_a_wild_one_is_ignored()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);
        c.Update(Make(At(0), 0, frequencyPpm: 10, skewPpm: 0.01), At(0));
        var settled = c.AppliedFrequencyPpm;

        var blended = c.Update(Make(At(64), 0, frequencyPpm: 1, skewPpm: 1), At(64));
        Assert.InRange(blended.FrequencyDeltaPpm, -0.5, -1e-6); // moved, but much less than the measurement says

        var before = c.AppliedFrequencyPpm;
        var wild = c.Update(Make(At(128), 0, frequencyPpm: 500, skewPpm: 5000), At(128));
        Assert.Equal(before, wild.FrequencyPpm!.Value, 9);
        Assert.Equal(-10, settled, 3);
    }
}
