namespace TimeActors.Linux.Timekeeping;

/// <summary>STA_* bits of struct timex.status (linux/timex.h).</summary>
[Flags]
public enum TimexStatus
{
    None = 0,
    Pll = 0x0001,
    PpsFrequency = 0x0002,
    PpsTime = 0x0004,
    Fll = 0x0008,
    Insert = 0x0010,
    Delete = 0x0020,
    Unsync = 0x0040,
    FrequencyHold = 0x0080,
    PpsSignal = 0x0100,
    PpsJitter = 0x0200,
    PpsWander = 0x0400,
    PpsError = 0x0800,
    ClockError = 0x1000,
    Nano = 0x2000,
    Mode = 0x4000,
    Clock = 0x8000,

    /// <summary>STA_RONLY: bits the kernel owns; setting them is silently ignored.</summary>
    ReadOnly = PpsSignal | PpsJitter | PpsWander | PpsError | ClockError | Nano | Mode | Clock,
}
