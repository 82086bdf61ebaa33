namespace TimeActors.Timing.Ports;

/// <summary>
/// Clock status bits with the values of Linux's STA_* (linux/timex.h), so an adapter maps them 1:1
/// and status output can show what node_exporter's timex collector reads.
/// </summary>
[Flags]
public enum SystemClockFlags
{
    None = 0,

    /// <summary>STA_PLL: the kernel's phase-locked loop takes ADJ_OFFSET updates. We keep it off.</summary>
    Pll = 0x0001,
    PpsFrequency = 0x0002,
    PpsTime = 0x0004,

    /// <summary>STA_FLL: the kernel's frequency-locked loop. We keep it off.</summary>
    Fll = 0x0008,

    /// <summary>STA_INS: insert a leap second at the end of the current UTC day.</summary>
    Insert = 0x0010,

    /// <summary>STA_DEL: delete a leap second at the end of the current UTC day.</summary>
    Delete = 0x0020,

    /// <summary>STA_UNSYNC: the clock is not synchronised.</summary>
    Unsync = 0x0040,
    FrequencyHold = 0x0080,

    /// <summary>STA_NANO: offsets are in nanoseconds.</summary>
    Nano = 0x2000,
}
