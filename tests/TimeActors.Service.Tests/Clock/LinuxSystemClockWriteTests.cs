using TimeActors.Linux.Timekeeping;
using TimeActors.Service.Clock;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Clock;

/// <summary>The adapter's write paths against a recording stand-in for clock_adjtime: exact requests, no kernel.</summary>
public sealed class LinuxSystemClockWriteTests
{
    private readonly RecordingKernel _kernel = new();
    private readonly LinuxSystemClock _clock;

    public LinuxSystemClockWriteTests() => _clock = new LinuxSystemClock(_kernel.Call);

    [Fact]
    public void Taking_control_zeroes_the_pll_offset_then_switches_the_kernel_loops_off_and_marks_unsync()
    {
        _kernel.State = _kernel.State with { Status = TimexStatus.Fll | TimexStatus.PpsFrequency | TimexStatus.Insert | TimexStatus.Nano, Offset = 12345 };

        _clock.TakeControl();

        var requests = _kernel.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Equal(TimexModes.Offset | TimexModes.Status | TimexModes.Nano, requests[0].Modes);
        Assert.Equal(0, requests[0].Offset);
        Assert.Equal(TimexModes.Status, requests[1].Modes);
        Assert.Equal(TimexStatus.Insert | TimexStatus.Unsync, requests[1].Status);
        Assert.Equal(SystemClockFlags.Insert | SystemClockFlags.Unsync | SystemClockFlags.Nano, _clock.ReadStatus().Flags);
    }

    [Fact]
    public void Frequency_beyond_500_ppm_is_written_as_tick_plus_fine_frequency_and_reads_back()
    {
        _clock.SetFrequency(1234.5);

        var request = Assert.Single(_kernel.Requests);
        Assert.Equal(TimexModes.Frequency | TimexModes.Tick, request.Modes);
        Assert.Equal(10_012, request.TickUs);
        Assert.Equal(Timex.ToScaledPpm(34.5), request.FrequencyScaledPpm);
        Assert.Equal(1234.5, _clock.ReadStatus().FrequencyPpm, 6);

        _clock.SetFrequency(-20);
        Assert.Equal(10_000, _kernel.State.TickUs); // back under 500 ppm the tick returns to nominal
        Assert.Equal(-20, _clock.ReadStatus().FrequencyPpm, 6);
    }

    [Fact]
    public void A_step_is_one_setoffset_request()
    {
        _clock.Step(TimeInterval.FromSeconds(-1.5));

        var request = Assert.Single(_kernel.Requests);
        Assert.Equal(TimexModes.SetOffset | TimexModes.Nano, request.Modes);
        Assert.Equal(-2, request.TimeSeconds);
        Assert.Equal(500_000_000, request.TimeFraction);
    }

    [Fact]
    public void Leap_and_sync_writes_change_only_their_own_status_bits()
    {
        _clock.SetLeap(SystemClockLeap.Insert);
        Assert.Equal(TimexStatus.Unsync | TimexStatus.Pll | TimexStatus.Insert | TimexStatus.Nano, _kernel.State.Status);

        _clock.SetSyncStatus(true, TimeInterval.FromMicroseconds(40), TimeInterval.FromMilliseconds(3));
        Assert.Equal(TimexStatus.Pll | TimexStatus.Insert | TimexStatus.Nano, _kernel.State.Status);
        Assert.Equal(40, _kernel.State.EstErrorUs);
        Assert.Equal(3000, _kernel.State.MaxErrorUs);

        _clock.SetLeap(SystemClockLeap.Delete);
        Assert.Equal(TimexStatus.Pll | TimexStatus.Delete | TimexStatus.Nano, _kernel.State.Status);
        _clock.SetLeap(SystemClockLeap.None);
        _clock.SetSyncStatus(false, TimeInterval.FromSeconds(20), TimeInterval.FromSeconds(20));
        Assert.Equal(TimexStatus.Pll | TimexStatus.Unsync | TimexStatus.Nano, _kernel.State.Status);
        Assert.Equal(16_000_000, _kernel.State.MaxErrorUs);
        Assert.Equal(16_000_000, _kernel.State.EstErrorUs);
    }

    [Fact]
    public void Eperm_on_any_write_becomes_the_ports_permission_error_while_reads_still_work()
    {
        _kernel.Deny = true;

        var errors = new Exception[]
        {
            Assert.Throws<SystemClockPermissionException>(_clock.TakeControl),
            Assert.Throws<SystemClockPermissionException>(() => _clock.SetFrequency(1)),
            Assert.Throws<SystemClockPermissionException>(() => _clock.Step(TimeInterval.FromSeconds(1))),
            Assert.Throws<SystemClockPermissionException>(() => _clock.SetLeap(SystemClockLeap.None)),
            Assert.Throws<SystemClockPermissionException>(() => _clock.SetSyncStatus(false, TimeInterval.Zero, TimeInterval.Zero)),
        };

        Assert.All(errors, e =>
        {
            Assert.Contains("CAP_SYS_TIME", e.Message, StringComparison.Ordinal);
            Assert.IsType<ClockPermissionException>(e.InnerException);
        });
        Assert.Empty(_kernel.Requests);
        Assert.Equal(-3.5, _clock.ReadStatus().FrequencyPpm, 6);
    }
}
