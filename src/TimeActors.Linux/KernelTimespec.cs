namespace TimeActors.Linux;

/// <summary>
/// A struct timespec as the kernel returned it (seconds and nanoseconds, 64-bit each on the supported
/// ABIs). For SCM_TIMESTAMPING and CLOCK_REALTIME it counts from the Unix epoch; for a PHC it is the
/// PHC's own timescale. A zero value means "no stamp" in SCM_TIMESTAMPING.
/// </summary>
public readonly record struct KernelTimespec(long Seconds, long Nanoseconds)
{
    public bool IsZero => Seconds == 0 && Nanoseconds == 0;

    /// <summary>The time as nanoseconds since the clock's epoch (fits until year 2262).</summary>
    public long TotalNanoseconds => (Seconds * 1_000_000_000L) + Nanoseconds;

    public static KernelTimespec FromNanoseconds(long nanoseconds) =>
        new(Math.DivRem(nanoseconds, 1_000_000_000L, out var rem) - (rem < 0 ? 1 : 0), rem < 0 ? rem + 1_000_000_000L : rem);

    public override string ToString() => $"{Seconds}.{Nanoseconds:D9}";
}
