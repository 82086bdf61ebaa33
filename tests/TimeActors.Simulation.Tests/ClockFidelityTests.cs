using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Simulation.Tests;

/// <summary>The simulated clock against its model: oscillator random walk, timex frequency and tick, steps, maxerror, leap seconds.</summary>
public sealed class ClockFidelityTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Random_walk_steps_have_the_configured_standard_deviation()
    {
        const double Wander = 1e-9;
        var oscillator = new Oscillator(1e-4, Wander, new SimRandom(21));
        double previous = oscillator.FrequencyError;
        double sumSquares = 0;
        const int Steps = 100_000;
        for (int i = 0; i < Steps; i++)
        {
            oscillator.Step();
            double step = oscillator.FrequencyError - previous;
            previous = oscillator.FrequencyError;
            sumSquares += step * step;
        }

        Assert.InRange(Math.Sqrt(sumSquares / Steps), Wander * 0.98, Wander * 1.02);
    }

    [Fact]
    public void Clock_takes_one_wander_step_per_simulated_second()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0, FrequencyOffset = 0, Wander = 1e-6 }, new SimRandom(4));
        time.Now = 0.999;
        Assert.Equal(0, clock.OscillatorFrequencyError);
        time.Now = 1.0;
        Assert.NotEqual(0, clock.OscillatorFrequencyError);
        double afterOne = clock.OscillatorFrequencyError;
        time.Now = 1.999;
        Assert.Equal(afterOne, clock.OscillatorFrequencyError);
    }

    [Fact]
    public void Phase_integrates_the_oscillator_and_the_timex_frequency()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0.1, FrequencyOffset = 100e-6, Wander = 0 }, new SimRandom(1));
        time.Now = 100;
        Assert.Equal(0.1 + 0.01, clock.OffsetAt(100), 12);

        clock.SetFrequency(-100);
        time.Now = 200;

        // rate = (1 + 1e-4)(1 - 1e-4) = 1 - 1e-8
        Assert.Equal(0.11 - (100 * 1e-8), clock.OffsetAt(200), 12);
        Assert.Equal(-1e-8, clock.FrequencyErrorAt(200), 15);
    }

    [Fact]
    public void Frequency_beyond_500_ppm_moves_the_tick_as_the_kernel_would()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0, FrequencyOffset = 0, Wander = 0 }, new SimRandom(1));
        clock.SetFrequency(1234);
        var status = clock.ReadStatus();
        Assert.Equal(10_012, status.TickUs);
        Assert.Equal(34, status.FineFrequencyPpm, 9);
        Assert.Equal(1234, status.FrequencyPpm, 9);
        time.Now = 10;
        Assert.Equal(10 * 1234e-6, clock.OffsetAt(10), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetFrequency(200_000));
    }

    [Fact]
    public void Step_moves_every_later_reading()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0.25, FrequencyOffset = 0, Wander = 0 }, new SimRandom(1));
        time.Now = 5;
        long before = clock.Now().UnixNanoseconds;
        clock.Step(TimeInterval.FromSeconds(-0.25));
        Assert.Equal(before - 250_000_000, clock.Now().UnixNanoseconds);
        Assert.Equal(SimulationTimeline.ToUnixNs(Start) + 5_000_000_000, clock.Now().UnixNanoseconds);
        var step = Assert.Single(clock.Steps);
        Assert.False(step.Leap);
        Assert.Equal(-0.25, step.StepSeconds, 12);
    }

    [Fact]
    public void Maxerror_grows_500us_per_second_up_to_16s_where_the_clock_becomes_unsynchronised()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { Wander = 0 }, new SimRandom(1));
        clock.TakeControl();
        clock.SetSyncStatus(true, TimeInterval.FromMicroseconds(100), TimeInterval.Zero);
        Assert.False(clock.ReadStatus().Unsynchronized);

        time.Now = 10;
        var status = clock.ReadStatus();
        Assert.Equal(5_000_000, status.MaxError.Nanoseconds);
        Assert.Equal(100_000, status.EstError.Nanoseconds);

        time.Now = 32_000; // 32000 × 500 µs = 16 s exactly: not beyond the limit yet
        status = clock.ReadStatus();
        Assert.Equal(16_000_000_000, status.MaxError.Nanoseconds);
        Assert.False(status.Unsynchronized);

        time.Now = 32_001;
        status = clock.ReadStatus();
        Assert.Equal(16_000_000_000, status.MaxError.Nanoseconds);
        Assert.True(status.Unsynchronized);
    }

    [Fact]
    public void Leap_insertion_repeats_a_second_at_the_clocks_own_midnight_once()
    {
        var start = new DateTimeOffset(2016, 12, 31, 23, 59, 50, TimeSpan.Zero);
        var time = new ManualTime(start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0.001, FrequencyOffset = 0, Wander = 0 }, new SimRandom(1));
        clock.SetLeap(SystemClockLeap.Insert);
        Assert.Equal(SystemClockLeap.Insert, clock.ReadStatus().Leap);

        time.Now = 9.998; // the clock reads 23:59:59.999: not yet
        Assert.Equal(0.001, clock.OffsetAt(9.998), 9);

        time.Now = 20;
        Assert.Equal(0.001 - 1, clock.OffsetAt(20), 9);
        var leap = Assert.Single(clock.Steps);
        Assert.True(leap.Leap);
        Assert.Equal(-1, leap.StepSeconds);
        Assert.Equal(9.999, leap.TrueTimeSeconds, 9); // when its reading reached midnight
        Assert.Equal(-1, clock.LeapSecondsApplied);
        Assert.Equal(LeapState.Wait, clock.LeapState);

        // TIME_WAIT: STA_INS still set, no second leap the next midnight.
        time.Now = 86_400 + 20;
        Assert.Equal(0.001 - 1, clock.OffsetAt(time.Now), 9);

        clock.SetLeap(SystemClockLeap.None);
        Assert.Equal(LeapState.Ok, clock.LeapState);
    }

    [Fact]
    public void Leap_deletion_skips_23_59_59()
    {
        var start = new DateTimeOffset(2016, 12, 31, 23, 59, 50, TimeSpan.Zero);
        var time = new ManualTime(start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0, FrequencyOffset = 0, Wander = 0 }, new SimRandom(1));
        clock.SetLeap(SystemClockLeap.Delete);
        time.Now = 8.5;
        Assert.Equal(0, clock.OffsetAt(8.5), 9);
        time.Now = 9.5;
        Assert.Equal(1, clock.OffsetAt(9.5), 9);
        Assert.Equal(9, Assert.Single(clock.Steps).TrueTimeSeconds, 9);
    }

    [Fact]
    public void Readings_between_scheduler_ticks_are_exact()
    {
        var time = new ManualTime(Start);
        var clock = new SimulatedSystemClock(time.Timeline, new SimulatedClockOptions { InitialOffsetSeconds = 0, FrequencyOffset = 1e-3, Wander = 0 }, new SimRandom(1));
        time.Now = 1.0;
        long atOne = clock.ReadingAt(1.0);

        // 123.4 ns earlier (before the bookkeeping time): extrapolated back at the rate that held.
        long earlier = clock.ReadingAt(1.0 - 123.4e-9);
        Assert.InRange(atOne - earlier, 123, 124); // 123.4 ns × 1.001 = 123.5 ns, each reading rounded to 1 ns
    }
}
