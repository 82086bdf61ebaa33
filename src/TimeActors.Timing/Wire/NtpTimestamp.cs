using TimeActors.Timing.Time;

namespace TimeActors.Timing.Wire;

/// <summary>
/// The NTP 64-bit timestamp (RFC 5905 §6): 32 bits of seconds since 1900 within an era of 2^32 s,
/// and 32 bits of fraction. It carries no era, so turning it into a <see cref="SystemTime"/> needs a
/// pivot (a time known to be within 68 years of the stamp, usually the local receive time).
/// </summary>
public readonly record struct NtpTimestamp(ulong Raw)
{
    /// <summary>Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch).</summary>
    public const long UnixEpochNtpSeconds = 2_208_988_800;

    private const ulong NanosecondsPerSecond = 1_000_000_000;

    public static readonly NtpTimestamp Zero = new(0);

    public uint Seconds => (uint)(Raw >> 32);

    public uint Fraction => (uint)Raw;

    /// <summary>RFC 5905 treats an all-zero timestamp as "not set"; tests 3 and 2 rely on it.</summary>
    public bool IsZero => Raw == 0;

    public static NtpTimestamp FromParts(uint seconds, uint fraction) => new(((ulong)seconds << 32) | fraction);

    /// <summary>
    /// Converts with round-to-nearest on the fraction. One fraction unit is 0.23 ns, so converting
    /// back with <see cref="ToSystemTime"/> returns exactly the same nanosecond count.
    /// </summary>
    public static NtpTimestamp FromSystemTime(SystemTime time)
    {
        long unixSeconds = FloorDiv(time.UnixNanoseconds, (long)NanosecondsPerSecond, out long nanoseconds);
        // nanoseconds < 1e9, so the product fits in 64 bits and the rounded fraction stays below 2^32.
        ulong fraction = (((ulong)nanoseconds << 32) + (NanosecondsPerSecond / 2)) / NanosecondsPerSecond;
        uint seconds = unchecked((uint)(unixSeconds + UnixEpochNtpSeconds));
        return FromParts(seconds, (uint)fraction);
    }

    /// <summary>
    /// The system time this stamp denotes in the era that puts it closest to <paramref name="pivot"/>
    /// (within -2^31..2^31-1 seconds of it), which is how RFC 5905 §6 resolves the era ambiguity.
    /// </summary>
    public SystemTime ToSystemTime(SystemTime pivot)
    {
        long pivotNtpSeconds = FloorDiv(pivot.UnixNanoseconds, (long)NanosecondsPerSecond, out _) + UnixEpochNtpSeconds;
        int secondsFromPivot = unchecked((int)(Seconds - (uint)pivotNtpSeconds));
        long ntpSeconds = pivotNtpSeconds + secondsFromPivot;
        return new SystemTime(((ntpSeconds - UnixEpochNtpSeconds) * (long)NanosecondsPerSecond) + FractionToNanoseconds(Fraction));
    }

    /// <summary>The system time this stamp denotes in an explicitly known era (era 0 began in 1900, era 1 in 2036).</summary>
    public SystemTime ToSystemTimeInEra(int era)
    {
        long ntpSeconds = ((long)era << 32) + Seconds;
        return new SystemTime(((ntpSeconds - UnixEpochNtpSeconds) * (long)NanosecondsPerSecond) + FractionToNanoseconds(Fraction));
    }

    /// <summary>The era a system time falls in (negative before 1900).</summary>
    public static int EraOf(SystemTime time)
    {
        long unixSeconds = FloorDiv(time.UnixNanoseconds, (long)NanosecondsPerSecond, out _);
        return (int)((unixSeconds + UnixEpochNtpSeconds) >> 32);
    }

    /// <summary>
    /// Signed difference <c>this - earlier</c> assuming both are within 68 years of each other; used
    /// where only the wire values are known (e.g. a server's processing time T3 - T2).
    /// </summary>
    public TimeInterval Minus(NtpTimestamp earlier)
    {
        long rawDifference = unchecked((long)(Raw - earlier.Raw));
        // rawDifference is 32.32 fixed point; split to keep the multiplication inside 64 bits.
        long seconds = rawDifference >> 32;
        long fractionNs = (long)FractionToNanoseconds((uint)rawDifference);
        return new TimeInterval((seconds * (long)NanosecondsPerSecond) + fractionNs);
    }

    /// <summary>Returns this stamp with its lowest fraction bit forced (used to mark server responses).</summary>
    public NtpTimestamp WithLowBit(bool set) => new(set ? Raw | 1UL : Raw & ~1UL);

    public override string ToString() => $"{Seconds:x8}.{Fraction:x8}";

    private static long FractionToNanoseconds(uint fraction) =>
        (long)((((ulong)fraction * NanosecondsPerSecond) + (1UL << 31)) >> 32);

    private static long FloorDiv(long value, long divisor, out long remainder)
    {
        long quotient = Math.DivRem(value, divisor, out remainder);
        if (remainder < 0)
        {
            quotient--;
            remainder += divisor;
        }

        return quotient;
    }
}
