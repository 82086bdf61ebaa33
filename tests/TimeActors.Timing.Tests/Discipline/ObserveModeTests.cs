using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Discipline.Estimates;

namespace TimeActors.Timing.Tests.Discipline;

public class ObserveModeTests
{
    [Fact]
    public void Observe_mode_reports_what_it_would_do_but_assumes_the_clock_unchanged()
    {
        var settings = new ClockControllerSettings { StepPolicy = StepPolicy.Always(TimeInterval.FromSeconds(0.5)) };
        var c = new ClockController(settings, 7, steering: false);

        var stepping = c.Update(Make(At(0), 2, frequencyPpm: 4), At(0));
        Assert.Equal(TimeInterval.FromSeconds(2), stepping.Step);
        Assert.Equal(7 - 4, stepping.FrequencyPpm!.Value, 4);
        Assert.Null(stepping.NextWakeup);
        Assert.Equal(7, c.AppliedFrequencyPpm);

        // The clock was not changed, so the sources still see the whole offset and frequency; the
        // report stays on the measured figures instead of compounding imagined corrections.
        var again = c.Update(Make(At(64), 0.1, frequencyPpm: 4), At(64));
        Assert.Null(again.Step);
        Assert.Equal(7, c.AppliedFrequencyPpm);
        var t = c.Tracking(At(64));
        Assert.False(t.Steering);
        Assert.Equal(3, t.FrequencyPpm, 4); // 7 - 4 to first order; exactly 1.000007 / (1 + 4 ppm of true time) - 1
        Assert.Equal(0.1, c.RemainingOffsetAt(At(100)).TotalSeconds, 9);
        Assert.Equal(ClockDecision.None, c.OnTimer(At(1000)));
    }

    [Fact]
    public void Observe_mode_never_schedules_a_kernel_leap_step()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: false);
        var leapDay = Utc(2027, 12, 31, 23, 0, 0);

        var d = c.Update(Make(leapDay, 0, leap: LeapIndicator.InsertSecond), leapDay);

        Assert.Equal(SystemClockLeap.Insert, d.Leap); // what would be set
        Assert.Null(d.NextWakeup);
        Assert.Equal(ClockDecision.None, c.OnTimer(Utc(2028, 1, 1, 0, 0, 5)));
    }

    [Fact]
    public void Stop_steering_takes_the_real_frequency_and_forgets_the_slew()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);
        c.Update(Make(At(0), 0.5, frequencyPpm: 10), At(0));
        Assert.NotEqual(0, c.AppliedFrequencyPpm);

        c.StopSteering(actualFrequencyPpm: 1.5);

        Assert.False(c.Steering);
        Assert.Equal(1.5, c.AppliedFrequencyPpm);
        Assert.Equal(ClockDecision.None, c.OnTimer(At(5)));
        var d = c.Update(Make(At(64), 0.4, frequencyPpm: 10), At(64));
        Assert.Equal(1.5 - 10, c.Tracking(At(64)).FrequencyPpm, 4);
        Assert.NotNull(d.FrequencyPpm);
        Assert.Equal(1.5, c.AppliedFrequencyPpm);
    }

    [Fact]
    public void An_imaginary_step_does_not_move_the_time_errors_grow_from()
    {
        var settings = new ClockControllerSettings { StepPolicy = StepPolicy.Always(TimeInterval.FromSeconds(0.5)) };
        var c = new ClockController(settings, 0, steering: false);

        c.Update(Make(At(0), 2, skewPpm: 1, frequencySdPpm: 0.5, offsetSdSeconds: 0), At(0));

        Assert.Equal(At(0), c.Tracking(At(10)).LastUpdate);
        Assert.Equal(2 + 5e-6, c.EstErrorAt(At(10)).TotalSeconds, 9);
    }
}
