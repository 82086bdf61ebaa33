using TimeActors.Timing.Time;

namespace TimeActors.Timing.Wire;

/// <summary>The NTP 32-bit short format (16.16 unsigned seconds) used for root delay and root dispersion.</summary>
public readonly record struct NtpShort(uint Raw)
{
    private const ulong NanosecondsPerSecond = 1_000_000_000;

    public static readonly NtpShort Zero = new(0);

    /// <summary>The largest value the format holds (65535.99998 s).</summary>
    public static readonly NtpShort MaxValue = new(uint.MaxValue);

    public TimeInterval ToInterval() => new((long)((((ulong)Raw * NanosecondsPerSecond) + (1UL << 15)) >> 16));

    /// <summary>Rounds to the nearest unit (15.3 µs); negative intervals become zero and large ones saturate.</summary>
    public static NtpShort FromInterval(TimeInterval interval)
    {
        if (interval.Nanoseconds <= 0)
        {
            return Zero;
        }

        // 65536 s in ns shifted by 16 is below 2^63, so clamp first and the arithmetic stays exact.
        ulong nanoseconds = (ulong)Math.Min(interval.Nanoseconds, 65_536L * 1_000_000_000L);
        ulong raw = ((nanoseconds << 16) + (NanosecondsPerSecond / 2)) / NanosecondsPerSecond;
        return new NtpShort(raw > uint.MaxValue ? uint.MaxValue : (uint)raw);
    }
}
