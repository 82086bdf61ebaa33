using TimeActors.Timing.Discipline;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Discipline.Estimates;

namespace TimeActors.Timing.Tests.Discipline;

public class LeapAndErrorTests
{
    private static ClockController Steering(LeapMode mode = LeapMode.Kernel) =>
        new(new ClockControllerSettings { LeapMode = mode }, 0, steering: true);

    [Fact]
    public void Leap_bits_are_set_only_on_the_day_of_the_leap_and_cleared_when_the_announcement_stops()
    {
        var c = Steering();

        var dayBefore = Utc(2027, 6, 29, 12, 0, 0);
        Assert.Null(c.Update(Make(dayBefore, 0, leap: LeapIndicator.InsertSecond), dayBefore).Leap);

        var leapDay = Utc(2027, 6, 30, 12, 0, 0);
        var set = c.Update(Make(leapDay, 0, leap: LeapIndicator.InsertSecond), leapDay);
        Assert.Equal(SystemClockLeap.Insert, set.Leap);
        Assert.Equal(LeapIndicator.InsertSecond, c.Tracking(leapDay).Leap);

        var again = c.Update(Make(leapDay + TimeInterval.FromSeconds(64), 0, leap: LeapIndicator.InsertSecond), leapDay + TimeInterval.FromSeconds(64));
        Assert.Null(again.Leap); // unchanged bits are not rewritten

        var withdrawn = c.Update(Make(leapDay + TimeInterval.FromSeconds(128), 0), leapDay + TimeInterval.FromSeconds(128));
        Assert.Equal(SystemClockLeap.None, withdrawn.Leap);
        Assert.Equal(LeapIndicator.NoWarning, c.Tracking(leapDay + TimeInterval.FromSeconds(128)).Leap);
    }

    [Fact]
    public void After_the_kernel_inserts_the_second_the_bits_are_cleared_and_nothing_is_re_referenced()
    {
        var c = Steering();
        var evening = Utc(2027, 12, 31, 23, 0, 0);

        var d = c.Update(Make(evening, 0, leap: LeapIndicator.InsertSecond), evening);
        Assert.Equal(SystemClockLeap.Insert, d.Leap);
        var midnight = Utc(2028, 1, 1, 0, 0, 0);
        Assert.Equal(midnight + TimeInterval.FromSeconds(2), d.NextWakeup);

        // Real time midnight + 2 s reads midnight + 1 s after the inserted second.
        var after = c.OnTimer(midnight + TimeInterval.FromSeconds(1));
        Assert.Equal(TimeInterval.FromSeconds(-1), after.LeapApplied);
        Assert.Equal(midnight, after.StepAt);
        Assert.Null(after.Step);
        Assert.Null(after.LeapStep);
        Assert.Equal(SystemClockLeap.None, after.Leap);
        Assert.Equal(SystemClockLeap.None, c.KernelLeap);
    }

    [Fact]
    public void A_deleted_second_is_announced_as_a_forward_step_at_23_59_59()
    {
        var c = Steering();
        var evening = Utc(2027, 6, 30, 22, 0, 0);
        c.Update(Make(evening, 0, leap: LeapIndicator.DeleteSecond), evening);

        var after = c.OnTimer(Utc(2027, 7, 1, 0, 0, 3));

        Assert.Equal(TimeInterval.FromSeconds(1), after.LeapApplied);
        Assert.Equal(Utc(2027, 6, 30, 23, 59, 59), after.StepAt);
    }

    [Fact]
    public void Step_mode_steps_the_second_itself_at_midnight_without_kernel_bits()
    {
        var c = Steering(LeapMode.Step);
        var evening = Utc(2027, 12, 31, 23, 0, 0);
        var midnight = Utc(2028, 1, 1, 0, 0, 0);

        var d = c.Update(Make(evening, 0, leap: LeapIndicator.InsertSecond), evening);
        Assert.Null(d.Leap);
        Assert.Equal(SystemClockLeap.None, c.KernelLeap);
        Assert.Equal(LeapIndicator.InsertSecond, c.Tracking(evening).Leap);
        Assert.Equal(midnight, d.NextWakeup);

        Assert.Null(c.OnTimer(midnight - TimeInterval.FromMilliseconds(1)).LeapStep);
        var leap = c.OnTimer(midnight);
        Assert.Equal(TimeInterval.FromSeconds(-1), leap.LeapStep);
        Assert.Null(leap.Step);
        Assert.Null(leap.LeapApplied);
        Assert.Null(leap.NextWakeup);
    }

    [Fact]
    public void Step_mode_steps_once_although_the_repeated_second_still_hears_the_announcement()
    {
        var c = new ClockController(new ClockControllerSettings { LeapMode = LeapMode.Step }, 0, steering: true);
        var evening = Utc(2027, 12, 31, 23, 0, 0);
        var midnight = Utc(2028, 1, 1, 0, 0, 0);
        c.Update(Make(evening, 0, leap: LeapIndicator.InsertSecond), evening);
        Assert.Equal(TimeInterval.FromSeconds(-1), c.OnTimer(midnight).LeapStep);

        // The clock reads 23:59:59.5 again and the sources still announce the insertion.
        var repeated = midnight - TimeInterval.FromMilliseconds(500);
        var update = c.Update(Make(repeated, 0, leap: LeapIndicator.InsertSecond), repeated);
        Assert.Null(update.LeapStep);
        Assert.Null(c.OnTimer(midnight).LeapStep);
        Assert.Null(c.OnTimer(midnight + TimeInterval.FromSeconds(3)).LeapStep);
    }

    [Fact]
    public void Kernel_mode_keeps_the_leap_when_the_vote_drops_during_the_repeated_second()
    {
        var c = new ClockController(new ClockControllerSettings { LeapMode = LeapMode.Kernel }, 0, steering: true);
        var evening = Utc(2027, 12, 31, 23, 0, 0);
        var midnight = Utc(2028, 1, 1, 0, 0, 0);
        Assert.Equal(SystemClockLeap.Insert, c.Update(Make(evening, 0, leap: LeapIndicator.InsertSecond), evening).Leap);

        // The kernel inserted the second; the clock reads 23:59:59.5 again and the vote is "none" now.
        var repeated = midnight - TimeInterval.FromMilliseconds(500);
        Assert.Null(c.Update(Make(repeated, 0), repeated).Leap);
        var after = c.OnTimer(midnight + TimeInterval.FromSeconds(2));
        Assert.Equal(TimeInterval.FromSeconds(-1), after.LeapApplied);
        Assert.Equal(SystemClockLeap.None, after.Leap);
    }

    [Fact]
    public void Ignore_mode_never_sets_kernel_bits_but_still_serves_the_announcement()
    {
        var c = Steering(LeapMode.Ignore);
        var leapDay = Utc(2027, 12, 31, 12, 0, 0);

        var d = c.Update(Make(leapDay, 0, leap: LeapIndicator.InsertSecond), leapDay);

        Assert.Null(d.Leap);
        Assert.Equal(LeapIndicator.InsertSecond, c.Tracking(leapDay).Leap);
    }

    [Fact]
    public void Losing_all_sources_sets_unsync_with_maxerror_16_s_and_clears_pending_leap_bits()
    {
        var c = Steering();
        var leapDay = Utc(2027, 12, 31, 12, 0, 0);
        c.Update(Make(leapDay, 0, leap: LeapIndicator.InsertSecond), leapDay);

        var d = c.Unsynchronised(leapDay + TimeInterval.FromSeconds(64));

        Assert.Equal(SystemClockLeap.None, d.Leap);
        Assert.False(d.SyncStatus!.Value.Synchronized);
        Assert.Equal(ClockController.MaxErrorLimit, d.SyncStatus.Value.MaxError);
        var tracking = c.Tracking(leapDay + TimeInterval.FromSeconds(64));
        Assert.False(tracking.Synchronized);
        Assert.Equal(16, tracking.Stratum);
        Assert.Equal(LeapIndicator.Unsynchronized, tracking.Leap);
    }

    [Fact]
    public void Before_any_update_the_clock_is_reported_unsynchronised()
    {
        var c = Steering();
        var t = c.Tracking(At(0));

        Assert.False(t.Synchronized);
        Assert.Equal(ClockController.MaxErrorLimit, t.MaxError);
        Assert.Equal(ClockController.MaxErrorLimit, t.EstError);
        Assert.Equal(LeapIndicator.Unsynchronized, t.Leap);
    }

    [Fact]
    public void Errors_are_truthful_at_the_update_and_grow_with_time_without_updates()
    {
        var c = Steering();
        var d = c.Update(
            Make(At(0), 0, offsetSdSeconds: 20e-6, frequencySdPpm: 0.5, skewPpm: 2, rootDelaySeconds: 0.004, rootDispersionSeconds: 0.001),
            At(0));

        // maxerror = delay/2 + dispersion (+ nothing left to slew); esterror = the offset SD.
        Assert.True(d.SyncStatus!.Value.Synchronized);
        Assert.Equal(3e-3, d.SyncStatus.Value.MaxError.TotalSeconds, 9);
        Assert.Equal(20e-6, d.SyncStatus.Value.EstError.TotalSeconds, 9);

        // 1000 s later: dispersion grows by (skew 2 + max clock error 1) ppm, esterror by the frequency SD.
        Assert.Equal(3e-3 + 3e-3, c.MaxErrorAt(At(1000)).TotalSeconds, 9);
        Assert.Equal(20e-6 + 0.5e-3, c.EstErrorAt(At(1000)).TotalSeconds, 9);
        Assert.Equal(1e-3 + 3e-3, c.Tracking(At(1000)).RootDispersion.TotalSeconds, 9);

        // Without updates maxerror reaches 16 s (here after ~62 days): then the clock is unsynchronised.
        var late = At(6e6);
        var refresh = c.OnTimer(late);
        Assert.Equal(ClockController.MaxErrorLimit, refresh.SyncStatus!.Value.MaxError);
        Assert.False(refresh.SyncStatus.Value.Synchronized);
        Assert.False(c.Tracking(late).Synchronized);
        Assert.True(c.EstErrorAt(late) <= ClockController.MaxErrorLimit);
    }

    [Fact]
    public void An_offset_still_being_slewed_counts_in_both_errors()
    {
        var c = Steering();
        var d = c.Update(Make(At(0), 0.12, offsetSdSeconds: 0, rootDelaySeconds: 0, rootDispersionSeconds: 0), At(0));

        Assert.Equal(0.12, d.SyncStatus!.Value.MaxError.TotalSeconds, 6);
        Assert.Equal(0.12, d.SyncStatus.Value.EstError.TotalSeconds, 6);
        var halfway = At((d.NextWakeup!.Value - At(0)).TotalSeconds / 2);
        Assert.Equal(0.06, c.RemainingOffsetAt(halfway).TotalSeconds, 6);
        Assert.True(c.MaxErrorAt(halfway).TotalSeconds < 0.061);
    }

    [Fact]
    public void Tracking_reports_stratum_offset_rms_and_frequency()
    {
        var c = new ClockController(ClockControllerSettings.Default, 0, steering: true);
        var first = c.Update(Make(At(0), 0.001, frequencyPpm: 5, stratum: 2), At(0));
        c.OnTimer(first.NextWakeup!.Value);
        c.Update(Make(At(64), -0.001, frequencyPpm: 0, stratum: 2), At(64));

        var t = c.Tracking(At(64));
        Assert.True(t.Synchronized);
        Assert.Equal(3, t.Stratum);
        Assert.Equal(-0.001, t.LastOffset.TotalSeconds, 9);
        Assert.Equal(0.001, t.RmsOffset.TotalSeconds, 9);
        Assert.Equal(-5, t.FrequencyPpm, 3);
        Assert.Equal(2, t.Updates);
        Assert.Equal(At(64), t.LastUpdate);
    }
}
