using TimeActors.Linux;
using TimeActors.Linux.Timekeeping;
using TimeActors.Timing.Ports;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Clock;

/// <summary>
/// <see cref="ISystemClock"/> over clock_adjtime(CLOCK_REALTIME) (TimeActors.Linux's
/// <see cref="KernelTimex"/>). Reads need no privilege; every write needs CAP_SYS_TIME and turns
/// EPERM into <see cref="SystemClockPermissionException"/>. Status writes read the status word
/// first and change only the bits they own, so bits the kernel or an administrator set survive.
/// </summary>
public sealed class LinuxSystemClock : ISystemClock
{
    /// <summary>1e6 / USER_HZ; USER_HZ is 100 in the Linux ABI on every architecture we run on (x86_64, arm64).</summary>
    public const long NominalTickUs = 10_000;

    // The kernel's own loops and PPS discipline: we keep them off so only our frequency steers.
    private const TimexStatus KernelLoops = TimexStatus.Pll | TimexStatus.Fll | TimexStatus.PpsFrequency | TimexStatus.PpsTime | TimexStatus.FrequencyHold;

    private static readonly long MaxErrorLimitUs = 16_000_000;

    private readonly Func<Timex, TimexResult> _clockAdjtime;

    /// <summary>The system clock through clock_adjtime(CLOCK_REALTIME).</summary>
    public LinuxSystemClock()
        : this(static request => KernelTimex.ClockAdjtime(KernelClocks.Realtime, request))
    {
    }

    /// <summary>
    /// With another way to make the clock_adjtime call: tests pass a recording stand-in so the
    /// write paths are exercised without ever reaching the kernel.
    /// </summary>
    public LinuxSystemClock(Func<Timex, TimexResult> clockAdjtime)
    {
        ArgumentNullException.ThrowIfNull(clockAdjtime);
        _clockAdjtime = clockAdjtime;
    }

    public SystemTime Now() => new(KernelClocks.ReadRealtime().TotalNanoseconds);

    public SystemClockStatus ReadStatus() => ToStatus(Read());

    /// <summary>The same conversion for any timex the kernel filled (tests compare it with a direct read).</summary>
    public static SystemClockStatus ToStatus(in Timex timex) => new(
        new SystemTime(timex.TimeNs),
        timex.FrequencyPpm,
        timex.TickUs,
        NominalTickUs,
        (SystemClockFlags)(int)(timex.Status & (TimexStatus)AllMappedFlags),
        TimeInterval.FromMicroseconds(timex.MaxErrorUs),
        TimeInterval.FromMicroseconds(timex.EstErrorUs));

    private const int AllMappedFlags = (int)(SystemClockFlags.Pll | SystemClockFlags.PpsFrequency | SystemClockFlags.PpsTime | SystemClockFlags.Fll |
        SystemClockFlags.Insert | SystemClockFlags.Delete | SystemClockFlags.Unsync | SystemClockFlags.FrequencyHold | SystemClockFlags.Nano);

    public void TakeControl()
    {
        var status = Read().Status;

        // A zero PLL offset first, so nothing the previous owner queued keeps moving the clock; then
        // the loops off and the clock marked unsynchronised until we have a source.
        Write(new Timex { Modes = TimexModes.Offset | TimexModes.Status | TimexModes.Nano, Offset = 0, Status = Writable(status) | TimexStatus.Pll });
        Write(new Timex { Modes = TimexModes.Status, Status = (Writable(status) & ~KernelLoops) | TimexStatus.Unsync });
    }

    public void SetFrequency(double frequencyPpm)
    {
        var (tickUs, finePpm) = SystemClockFrequency.Split(frequencyPpm, NominalTickUs);
        Write(SetFrequencyRequest(tickUs, finePpm));
    }

    /// <summary>ADJ_FREQUENCY | ADJ_TICK always together, so a correction that moves back under 500 ppm also restores the nominal tick.</summary>
    public static Timex SetFrequencyRequest(long tickUs, double finePpm) => new()
    {
        Modes = TimexModes.Frequency | TimexModes.Tick,
        TickUs = tickUs,
        FrequencyScaledPpm = Timex.ToScaledPpm(finePpm),
    };

    public void Step(TimeInterval step) => Write(StepRequest(step));

    /// <summary>ADJ_SETOFFSET | ADJ_NANO: time.tv_sec whole seconds, time.tv_usec nanoseconds in [0, 1e9), as the kernel requires.</summary>
    public static Timex StepRequest(TimeInterval step)
    {
        var seconds = Math.DivRem(step.Nanoseconds, 1_000_000_000L, out var nanoseconds);
        if (nanoseconds < 0)
        {
            seconds--;
            nanoseconds += 1_000_000_000L;
        }

        return new Timex { Modes = TimexModes.SetOffset | TimexModes.Nano, TimeSeconds = seconds, TimeFraction = nanoseconds };
    }

    public void SetLeap(SystemClockLeap leap)
    {
        var status = Writable(Read().Status) & ~(TimexStatus.Insert | TimexStatus.Delete);
        status |= leap switch
        {
            SystemClockLeap.Insert => TimexStatus.Insert,
            SystemClockLeap.Delete => TimexStatus.Delete,
            _ => TimexStatus.None,
        };
        Write(new Timex { Modes = TimexModes.Status, Status = status });
    }

    public void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError)
    {
        var status = Writable(Read().Status);
        Write(SyncStatusRequest(status, synchronized, estError, maxError));
    }

    /// <summary>ADJ_STATUS | ADJ_ESTERROR | ADJ_MAXERROR in µs, each capped at 16 s.</summary>
    public static Timex SyncStatusRequest(TimexStatus current, bool synchronized, TimeInterval estError, TimeInterval maxError)
    {
        var status = synchronized ? current & ~TimexStatus.Unsync : current | TimexStatus.Unsync;
        return new Timex
        {
            Modes = TimexModes.Status | TimexModes.EstError | TimexModes.MaxError,
            Status = status,
            EstErrorUs = Math.Clamp(estError.Nanoseconds / 1000, 0, MaxErrorLimitUs),
            MaxErrorUs = Math.Clamp(maxError.Nanoseconds / 1000, 0, MaxErrorLimitUs),
        };
    }

    // Read-only bits are ignored by the kernel anyway; not echoing them keeps requests minimal.
    private static TimexStatus Writable(TimexStatus status) => status & ~TimexStatus.ReadOnly;

    // Modes 0 changes nothing and needs no privilege.
    private Timex Read() => _clockAdjtime(default).Timex;

    private void Write(in Timex request)
    {
        try
        {
            _clockAdjtime(request);
        }
        catch (ClockPermissionException e)
        {
            throw new SystemClockPermissionException(e.Message, e);
        }
    }
}
