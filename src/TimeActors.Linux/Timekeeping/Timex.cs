namespace TimeActors.Linux.Timekeeping;

/// <summary>
/// struct timex as managed values, with units in the names. <c>ScaledPpm</c> fields are ppm with a
/// 16-bit fraction (65536 = 1 ppm). <see cref="Offset"/>, <see cref="TimeFraction"/> and
/// <see cref="Jitter"/> are nanoseconds when <see cref="TimexStatus.Nano"/> is set, else microseconds;
/// use <see cref="OffsetNs"/> and friends. Marshalled by <see cref="TimexCodec"/>.
/// </summary>
public readonly record struct Timex
{
    public const long ScaledPpmPerPpm = 65536;

    public TimexModes Modes { get; init; }

    /// <summary>PLL time offset, ns with STA_NANO else µs (ADJ_OFFSET).</summary>
    public long Offset { get; init; }

    /// <summary>Frequency offset in ppm·2^16 (ADJ_FREQUENCY); the kernel clamps to ±500 ppm.</summary>
    public long FrequencyScaledPpm { get; init; }

    /// <summary>Maximum error in µs (ADJ_MAXERROR); the kernel adds 500 µs every second, up to 16 s.</summary>
    public long MaxErrorUs { get; init; }

    /// <summary>Estimated error in µs (ADJ_ESTERROR).</summary>
    public long EstErrorUs { get; init; }

    public TimexStatus Status { get; init; }

    /// <summary>PLL time constant (ADJ_TIMECONST; the kernel adds 4 when STA_NANO is clear).</summary>
    public long Constant { get; init; }

    /// <summary>Clock precision in µs (read-only).</summary>
    public long PrecisionUs { get; init; }

    /// <summary>Maximum frequency error in ppm·2^16 (read-only).</summary>
    public long ToleranceScaledPpm { get; init; }

    /// <summary>time.tv_sec: current time on read; the step for ADJ_SETOFFSET.</summary>
    public long TimeSeconds { get; init; }

    /// <summary>time.tv_usec: ns with STA_NANO (or ADJ_NANO for ADJ_SETOFFSET) else µs.</summary>
    public long TimeFraction { get; init; }

    /// <summary>Microseconds between clock ticks (ADJ_TICK); 1e6/USER_HZ nominal.</summary>
    public long TickUs { get; init; }

    public long PpsFrequencyScaledPpm { get; init; }

    /// <summary>PPS jitter, ns with STA_NANO else µs.</summary>
    public long Jitter { get; init; }

    /// <summary>PPS interval duration in seconds (log2).</summary>
    public int Shift { get; init; }

    public long StabilityScaledPpm { get; init; }

    public long JitterCount { get; init; }

    public long CalibrationCount { get; init; }

    public long ErrorCount { get; init; }

    public long StabilityCount { get; init; }

    /// <summary>TAI−UTC in seconds (ADJ_TAI).</summary>
    public int TaiSeconds { get; init; }

    public bool IsNano => Status.HasFlag(TimexStatus.Nano);

    public double FrequencyPpm => FrequencyScaledPpm / (double)ScaledPpmPerPpm;

    public long OffsetNs => IsNano ? Offset : Offset * 1000;

    public long JitterNs => IsNano ? Jitter : Jitter * 1000;

    /// <summary>The time field as nanoseconds since the epoch (on read: the kernel's current time).</summary>
    public long TimeNs => (TimeSeconds * 1_000_000_000L) + (IsNano ? TimeFraction : TimeFraction * 1000);

    public static long ToScaledPpm(double ppm) => (long)Math.Round(ppm * ScaledPpmPerPpm);
}
