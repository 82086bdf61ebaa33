using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports;

/// <summary>
/// The system clock's discipline state as the kernel reports it (adjtimex with modes 0). The
/// effective frequency correction is the sum of the tick's deviation from nominal and the fine
/// frequency: the kernel adds both, in nanoseconds per second, to the length of a second.
/// </summary>
/// <param name="Time">The clock's reading when the status was taken.</param>
/// <param name="FineFrequencyPpm">timex.freq in ppm (the kernel limits it to ±500 ppm); positive makes the clock run faster.</param>
/// <param name="TickUs">Microseconds added per clock tick (timex.tick).</param>
/// <param name="NominalTickUs">The tick that means no correction: 1e6 / USER_HZ.</param>
/// <param name="Flags">STA_* status bits.</param>
/// <param name="MaxError">Maximum error (timex.maxerror, µs resolution); the kernel grows it by 500 µs every second up to 16 s.</param>
/// <param name="EstError">Estimated error (timex.esterror, µs resolution).</param>
public readonly record struct SystemClockStatus(
    SystemTime Time,
    double FineFrequencyPpm,
    long TickUs,
    long NominalTickUs,
    SystemClockFlags Flags,
    TimeInterval MaxError,
    TimeInterval EstError)
{
    /// <summary>The whole frequency correction in ppm: tick deviation plus fine frequency.</summary>
    public double FrequencyPpm => SystemClockFrequency.Combine(TickUs, FineFrequencyPpm, NominalTickUs);

    public bool Unsynchronized => Flags.HasFlag(SystemClockFlags.Unsync);

    public SystemClockLeap Leap =>
        Flags.HasFlag(SystemClockFlags.Insert) ? SystemClockLeap.Insert
        : Flags.HasFlag(SystemClockFlags.Delete) ? SystemClockLeap.Delete
        : SystemClockLeap.None;
}
