using TimeActors.Timing.Time;

namespace TimeActors.Timing.Ports;

/// <summary>
/// The system clock (CLOCK_REALTIME) with timex semantics: the one port through which the clock
/// discipline reads and steers time. Linux implements it over adjtimex/clock_adjtime, the
/// simulation over a modelled oscillator. Every method but <see cref="Now"/> and
/// <see cref="ReadStatus"/> changes the clock and may throw
/// <see cref="SystemClockPermissionException"/>.
/// </summary>
public interface ISystemClock
{
    /// <summary>The clock's current reading.</summary>
    SystemTime Now();

    /// <summary>Frequency, tick, status bits and error estimates, read without changing anything.</summary>
    SystemClockStatus ReadStatus();

    /// <summary>
    /// Switches the kernel's own loops off (STA_PLL, STA_FLL, PPS bits cleared, pending PLL offset
    /// zeroed) and marks the clock unsynchronised: from now on only this service steers it.
    /// </summary>
    void TakeControl();

    /// <summary>
    /// Sets the whole frequency correction (positive: the clock runs faster). ADJ_FREQUENCY, plus
    /// ADJ_TICK beyond ±500 ppm (<see cref="SystemClockFrequency.Split"/>).
    /// </summary>
    void SetFrequency(double frequencyPpm);

    /// <summary>Steps the clock by <paramref name="step"/>: every later reading is that much larger (ADJ_SETOFFSET | ADJ_NANO).</summary>
    void Step(TimeInterval step);

    /// <summary>Sets or clears STA_INS / STA_DEL.</summary>
    void SetLeap(SystemClockLeap leap);

    /// <summary>
    /// STA_UNSYNC cleared when <paramref name="synchronized"/>, set otherwise; esterror and maxerror
    /// written in microseconds (each capped at 16 s by the caller).
    /// </summary>
    void SetSyncStatus(bool synchronized, TimeInterval estError, TimeInterval maxError);
}
