using TimeActors.Timing.Discipline;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Statistics;
using TimeActors.Timing.Tests.Statistics;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Discipline;

/// <summary>
/// The controller steering a modelled clock through the real statistics and selection: samples from
/// a perfect server, decisions applied to the model, stored samples re-referenced as the source
/// actors do. Checks that the loop converges, not just single decisions.
/// </summary>
public class ClosedLoopTests
{
    [Theory]
    [InlineData(50.0, 0.0)]
    [InlineData(-120.0, 0.002)]
    [InlineData(8.0, -0.0005)]
    public void A_constant_frequency_error_and_an_initial_offset_converge(double oscillatorPpm, double initialOffsetSeconds)
    {
        var loop = new Loop(oscillatorPpm, initialOffsetSeconds, noiseSeconds: 10e-6, seed: 7);
        var controller = new ClockController(ClockControllerSettings.Default, 0, steering: true);

        loop.Run(controller, TimeSpan.FromHours(6));

        // The whole correction cancels the oscillator's error, and the clock is within a few noise
        // deviations of true time for the last hour.
        Assert.Equal(-oscillatorPpm, loop.CorrectionPpm - controller.Tracking(loop.Reading).SlewPpm, 0.3);
        Assert.True(loop.MaxAbsOffsetInLastHour < 30e-6, $"max offset in the last hour {loop.MaxAbsOffsetInLastHour * 1e6:F1} µs");
        Assert.True(controller.Tracking(loop.Reading).Synchronized);
        Assert.Equal(0, loop.Steps);
    }

    [Fact]
    public void A_large_initial_offset_is_stepped_once_under_makestep_and_then_slewed()
    {
        var loop = new Loop(oscillatorPpm: 30, initialOffsetSeconds: -3.0, noiseSeconds: 10e-6, seed: 3);
        var settings = new ClockControllerSettings { StepPolicy = StepPolicy.FirstUpdates(TimeInterval.FromSeconds(1), 3) };
        var controller = new ClockController(settings, 0, steering: true);

        loop.Run(controller, TimeSpan.FromHours(4));

        Assert.Equal(1, loop.Steps);
        Assert.True(loop.MaxAbsOffsetInLastHour < 30e-6, $"max offset in the last hour {loop.MaxAbsOffsetInLastHour * 1e6:F1} µs");
    }

    [Fact]
    public void Without_steps_a_large_offset_is_slewed_at_the_bounded_rate()
    {
        var loop = new Loop(oscillatorPpm: 0, initialOffsetSeconds: 2.0, noiseSeconds: 10e-6, seed: 5);
        var controller = new ClockController(new ClockControllerSettings { MaxSlewRatePpm = 1000 }, 0, steering: true);

        loop.Run(controller, TimeSpan.FromHours(3));

        Assert.Equal(0, loop.Steps);
        Assert.True(loop.MaxAbsCorrectionPpm <= 1000 + 50, $"correction reached {loop.MaxAbsCorrectionPpm} ppm");
        Assert.True(loop.MaxAbsOffsetInLastHour < 30e-6, $"max offset in the last hour {loop.MaxAbsOffsetInLastHour * 1e6:F1} µs");
    }

    /// <summary>True time, a local clock with an oscillator error and an applied correction, one perfect server polled every 64 s.</summary>
    private sealed class Loop(double oscillatorPpm, double initialOffsetSeconds, double noiseSeconds, int seed)
    {
        private readonly Random _random = new(seed);
        private readonly SourceStatistics _statistics = new();
        private double _trueSeconds;
        private double _localSeconds = -initialOffsetSeconds; // offset = true − local

        public double CorrectionPpm { get; private set; }

        public int Steps { get; private set; }

        public double MaxAbsOffsetInLastHour { get; private set; }

        public double MaxAbsCorrectionPpm { get; private set; }

        public SystemTime Reading => SampleTimeline.Epoch + TimeInterval.FromSeconds(_localSeconds);

        public void Run(ClockController controller, TimeSpan duration)
        {
            const double poll = 64;
            var end = duration.TotalSeconds;
            var nextPoll = poll;
            SystemTime? wakeup = null;
            int? selected = null;
            while (true)
            {
                var toPoll = nextPoll - _trueSeconds;
                var toWakeup = wakeup is { } w ? (w - Reading).TotalSeconds / Rate : double.PositiveInfinity;
                if (Math.Min(toPoll, toWakeup) + _trueSeconds > end)
                    break;

                if (toWakeup < toPoll)
                {
                    Advance(Math.Max(toWakeup, 0));
                    var d = controller.OnTimer(Reading);
                    Apply(d);
                    wakeup = d.NextWakeup;
                    continue;
                }

                Advance(toPoll);
                nextPoll += poll;
                Sample();
                var now = Reading;
                var result = SourceSelector.Select([new SelectionCandidate(1, true, false, _statistics.GetSelectionData(now))], now, selected);
                selected = result.SelectedSourceId;
                if (result.Combined is { } combined)
                {
                    var d = controller.Update(combined, now);
                    Apply(d);
                    wakeup = d.NextWakeup;
                }

                if (_trueSeconds > end - 3600)
                    MaxAbsOffsetInLastHour = Math.Max(MaxAbsOffsetInLastHour, Math.Abs(_trueSeconds - _localSeconds));
            }
        }

        private double Rate => 1 + ((oscillatorPpm + CorrectionPpm) * 1e-6);

        private void Advance(double trueSeconds)
        {
            _trueSeconds += trueSeconds;
            _localSeconds += trueSeconds * Rate;
        }

        private void Sample()
        {
            var offset = _trueSeconds - _localSeconds + (noiseSeconds * Gaussian());
            _statistics.Accumulate(SampleTimeline.Sample(Reading, TimeInterval.FromSeconds(offset),
                TimeInterval.FromMicroseconds(200), TimeInterval.FromMicroseconds(5)));
        }

        // What the ClockActor does with a decision: write the model, re-reference the samples.
        private void Apply(ClockDecision d)
        {
            if (d.Step is { } step)
            {
                _localSeconds += step.TotalSeconds;
                _statistics.ApplyClockStep(step);
                Steps++;
            }

            if (d.FrequencyPpm is { } frequency)
            {
                CorrectionPpm = frequency;
                MaxAbsCorrectionPpm = Math.Max(MaxAbsCorrectionPpm, Math.Abs(frequency));
                if (d.FrequencyDeltaPpm != 0)
                    _statistics.ApplyFrequencyChange(d.FrequencyAt, d.FrequencyDeltaPpm);
            }
        }

        private double Gaussian()
        {
            var u1 = 1.0 - _random.NextDouble();
            var u2 = _random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
    }
}
