namespace TimeActors.Linux.Timekeeping;

/// <summary>ADJ_* bits for struct timex.modes (linux/timex.h). 0 reads without changing anything.</summary>
[Flags]
public enum TimexModes : uint
{
    /// <summary>Read only: needs no privilege and changes nothing.</summary>
    None = 0,
    Offset = 0x0001,
    Frequency = 0x0002,
    MaxError = 0x0004,
    EstError = 0x0008,
    Status = 0x0010,
    TimeConstant = 0x0020,
    Tai = 0x0080,
    SetOffset = 0x0100,
    Micro = 0x1000,
    Nano = 0x2000,
    Tick = 0x4000,

    /// <summary>Old adjtime(): a composite value, not combinable with other bits.</summary>
    OffsetSingleShot = 0x8001,

    /// <summary>Reads the remaining adjtime() offset; allowed without CAP_SYS_TIME.</summary>
    OffsetSingleShotRead = 0xa001,
}
