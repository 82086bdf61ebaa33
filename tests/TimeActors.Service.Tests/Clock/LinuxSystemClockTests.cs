using TimeActors.Linux;
using TimeActors.Linux.Timekeeping;
using TimeActors.Service.Clock;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Clock;

/// <summary>
/// The Linux adapter's read paths against the kernel, and its write requests as values. No test
/// here calls a writing method: the clock of this machine is never changed.
/// </summary>
public sealed class LinuxSystemClockTests
{
    [Fact]
    public void Status_agrees_with_a_direct_kernel_read()
    {
        var clock = new LinuxSystemClock();
        Timex before, after;
        SystemClockStatus status;
        var attempts = 0;
        do
        {
            before = KernelTimex.Read().Timex;
            status = clock.ReadStatus();
            after = KernelTimex.Read().Timex;
        }
        while ((before.FrequencyScaledPpm != after.FrequencyScaledPpm || before.Status != after.Status || before.TickUs != after.TickUs) && ++attempts < 5);

        Assert.Equal(before.TickUs, status.TickUs);
        Assert.Equal(before.FrequencyPpm, status.FineFrequencyPpm);
        Assert.Equal(SystemClockFrequency.Combine(before.TickUs, before.FrequencyPpm, LinuxSystemClock.NominalTickUs), status.FrequencyPpm, 9);
        Assert.Equal((int)before.Status & 0x20FF, (int)status.Flags);
        Assert.Equal(before.Status.HasFlag(TimexStatus.Unsync), status.Unsynchronized);
        Assert.Equal(before.EstErrorUs * 1000, status.EstError.Nanoseconds);
        Assert.InRange(status.MaxError.Nanoseconds, before.MaxErrorUs * 1000, after.MaxErrorUs * 1000);
        Assert.InRange(status.Time.UnixNanoseconds, before.TimeNs, after.TimeNs);
    }

    [Fact]
    public void Now_reads_clock_realtime()
    {
        var clock = new LinuxSystemClock();
        var before = KernelClocks.ReadRealtime().TotalNanoseconds;
        var now = clock.Now().UnixNanoseconds;
        var after = KernelClocks.ReadRealtime().TotalNanoseconds;

        Assert.InRange(now, before, after);
    }

    [Fact]
    public void The_nominal_tick_is_the_kernels_when_no_one_has_moved_it()
    {
        // USER_HZ = 100 on x86_64 and arm64; a tick other than 10000 µs means some daemon moved it
        // (chrony does beyond ±500 ppm), which the combined frequency accounts for.
        var status = new LinuxSystemClock().ReadStatus();
        Assert.InRange(status.TickUs, 9_000, 11_000);
        Assert.InRange(status.FrequencyPpm, -100_000, 100_000);
    }

    [Theory]
    [InlineData(0.25, 0, 250_000_000)]
    [InlineData(-1.5, -2, 500_000_000)]
    [InlineData(-0.000000001, -1, 999_999_999)]
    [InlineData(3.0, 3, 0)]
    public void A_step_is_setoffset_in_nanoseconds_with_a_non_negative_fraction(double seconds, long tvSec, long tvNsec)
    {
        var request = LinuxSystemClock.StepRequest(TimeInterval.FromSeconds(seconds));

        Assert.Equal(TimexModes.SetOffset | TimexModes.Nano, request.Modes);
        Assert.Equal(tvSec, request.TimeSeconds);
        Assert.Equal(tvNsec, request.TimeFraction);
    }

    [Fact]
    public void A_frequency_request_sets_tick_and_fine_frequency_together()
    {
        var (tick, fine) = SystemClockFrequency.Split(-1260, LinuxSystemClock.NominalTickUs);
        var request = LinuxSystemClock.SetFrequencyRequest(tick, fine);

        Assert.Equal(TimexModes.Frequency | TimexModes.Tick, request.Modes);
        Assert.Equal(9_987, request.TickUs);
        Assert.Equal(40 * 65536, request.FrequencyScaledPpm);
    }

    [Fact]
    public void A_sync_status_request_flips_only_unsync_and_caps_the_errors_at_16_s()
    {
        var current = TimexStatus.Insert | TimexStatus.Unsync;

        var synced = LinuxSystemClock.SyncStatusRequest(current, true, TimeInterval.FromMicroseconds(12.9), TimeInterval.FromSeconds(20));
        Assert.Equal(TimexModes.Status | TimexModes.EstError | TimexModes.MaxError, synced.Modes);
        Assert.Equal(TimexStatus.Insert, synced.Status);
        Assert.Equal(12, synced.EstErrorUs);
        Assert.Equal(16_000_000, synced.MaxErrorUs);

        var unsynced = LinuxSystemClock.SyncStatusRequest(TimexStatus.Insert, false, TimeInterval.Zero, TimeInterval.FromSeconds(16));
        Assert.Equal(TimexStatus.Insert | TimexStatus.Unsync, unsynced.Status);
    }

    [Fact]
    public void Kernel_status_bits_map_onto_the_port_flags()
    {
        var timex = new Timex
        {
            Status = TimexStatus.Delete | TimexStatus.Unsync | TimexStatus.Nano | TimexStatus.PpsSignal,
            TickUs = 10_001,
            FrequencyScaledPpm = 65536 / 2,
            MaxErrorUs = 1500,
            EstErrorUs = 20,
            TimeSeconds = 1_800_000_000,
            TimeFraction = 5,
        };

        var status = LinuxSystemClock.ToStatus(timex);

        Assert.Equal(SystemClockFlags.Delete | SystemClockFlags.Unsync | SystemClockFlags.Nano, status.Flags);
        Assert.Equal(SystemClockLeap.Delete, status.Leap);
        Assert.Equal(100.5, status.FrequencyPpm, 9);
        Assert.Equal(TimeInterval.FromMicroseconds(1500), status.MaxError);
        Assert.Equal(TimeInterval.FromMicroseconds(20), status.EstError);
        Assert.Equal(1_800_000_000L * 1_000_000_000L + 5, status.Time.UnixNanoseconds);
    }
}
