using TimeActors.Timing.Discipline;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Discipline.Estimates;

namespace TimeActors.Timing.Tests.Discipline;

/// <summary>
/// Random sequences of updates, wake-ups and source losses (fixed seeds): after every input the
/// decision and state respect the limits, whatever the estimates say.
/// </summary>
public class ControllerInvariantTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    public void Limits_hold_after_every_input(int seed, bool steering)
    {
        var random = new Random(seed);
        var settings = new ClockControllerSettings
        {
            StepPolicy = new StepPolicy(TimeInterval.FromSeconds(random.NextDouble()), random.Next(-1, 4)),
            MaxSlewRatePpm = 100 + (random.NextDouble() * 90_000),
            MaxFrequencyPpm = 500 + (random.NextDouble() * 99_500),
            LeapMode = (LeapMode)random.Next(0, 3),
        };
        var initial = (random.NextDouble() - 0.5) * 200;
        var c = new ClockController(settings, initial, steering);
        var now = Utc(2027, 6, 30, 20, 0, 0);
        var applied = initial;
        var updates = 0;

        for (var i = 0; i < 400; i++)
        {
            now += TimeInterval.FromSeconds(random.NextDouble() * 300);
            ClockDecision d;
            var kind = random.Next(10);
            var isUpdate = kind < 7;
            double offset = 0;
            if (isUpdate)
            {
                offset = Math.Pow(10, -7 + (random.NextDouble() * 8)) * (random.Next(2) == 0 ? -1 : 1);
                var estimate = Make(now, offset,
                    frequencyPpm: (random.NextDouble() - 0.5) * 2000,
                    offsetSdSeconds: Math.Pow(10, -7 + (random.NextDouble() * 5)),
                    skewPpm: Math.Pow(10, -3 + (random.NextDouble() * 7)),
                    rootDelaySeconds: random.NextDouble() * 0.1,
                    rootDispersionSeconds: random.NextDouble() * 0.1,
                    leap: (LeapIndicator)random.Next(0, 3));
                d = c.Update(estimate, now);
                if (d.LeapStep is null && d.LeapApplied is null)
                {
                    // A step exactly when the policy allows it and the offset is beyond the threshold.
                    var shouldStep = settings.StepPolicy.AllowsStepAt(updates) && Math.Abs(offset) > settings.StepPolicy.Threshold.TotalSeconds;
                    Assert.Equal(shouldStep, d.Step is not null);
                    updates++;
                }
            }
            else if (kind < 9)
            {
                d = c.OnTimer(now);
            }
            else
            {
                d = c.Unsynchronised(now);
            }

            if (d.Step is { } step)
                now += step;
            if (d.LeapStep is { } leapStep)
                now += leapStep;
            if (d.LeapApplied is { } leapApplied)
                now += leapApplied;

            if (d.FrequencyPpm is { } f)
            {
                Assert.True(Math.Abs(f) <= settings.MaxFrequencyPpm + 1e-6, $"frequency {f} beyond the limit");
                // Re-referencing needs the relative change of rate: (1 + f)/(1 + applied) − 1.
                Assert.Equal((f - applied) / (1 + (applied * 1e-6)), d.FrequencyDeltaPpm, 6);
                if (steering)
                    applied = f;
            }

            var tracking = c.Tracking(now);
            Assert.True(Math.Abs(tracking.SlewPpm) <= settings.MaxSlewRatePpm + 1e-6, $"slew {tracking.SlewPpm} beyond the limit");
            Assert.Equal(applied, c.AppliedFrequencyPpm, 6);
            Assert.True(tracking.MaxError <= ClockController.MaxErrorLimit);
            Assert.True(tracking.EstError <= ClockController.MaxErrorLimit);
            Assert.True(!tracking.Synchronized || tracking.MaxError < ClockController.MaxErrorLimit);
            if (d.SyncStatus is { } sync)
            {
                Assert.True(sync.MaxError <= ClockController.MaxErrorLimit && sync.EstError <= ClockController.MaxErrorLimit);
                Assert.True(!sync.Synchronized || sync.MaxError < ClockController.MaxErrorLimit);
            }

            // Wake-ups only when steering; one already due (the caller missed it) is cleared by the wake-up.
            if (d.NextWakeup is { } wakeup)
            {
                Assert.True(steering);
                if (wakeup < now)
                {
                    var late = c.OnTimer(now);
                    Assert.True(late.NextWakeup is null || late.NextWakeup >= now, "a late wake-up leaves nothing overdue");
                    if (late.FrequencyPpm is { } lf)
                        applied = lf;
                    if (late.LeapApplied is { } la)
                        now += la;
                    if (late.LeapStep is { } ls)
                        now += ls;
                }
            }

            if (!steering)
                Assert.Equal(initial, c.AppliedFrequencyPpm);
        }
    }
}
