namespace TimeActors.Linux.Timekeeping;

/// <summary>The adjtimex return value: TIME_OK .. TIME_ERROR (linux/timex.h).</summary>
public enum ClockState
{
    /// <summary>TIME_OK: synchronized, no leap second pending.</summary>
    Ok = 0,

    /// <summary>TIME_INS: a leap second will be inserted at the end of the UTC day.</summary>
    Insert = 1,

    /// <summary>TIME_DEL: a leap second will be deleted at the end of the UTC day.</summary>
    Delete = 2,

    /// <summary>TIME_OOP: the inserted leap second is in progress.</summary>
    LeapInProgress = 3,

    /// <summary>TIME_WAIT: a leap second has been applied; STA_INS/STA_DEL still set.</summary>
    Wait = 4,

    /// <summary>TIME_ERROR (TIME_BAD): unsynchronized (STA_UNSYNC, STA_CLOCKERR or a PPS fault).</summary>
    Error = 5,
}
