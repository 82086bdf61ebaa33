namespace TimeActors.Timing.Ports;

/// <summary>The leap second the kernel is told to apply at the end of the current UTC day (STA_INS/STA_DEL).</summary>
public enum SystemClockLeap
{
    /// <summary>Neither STA_INS nor STA_DEL.</summary>
    None,

    /// <summary>STA_INS: 23:59:60 is inserted.</summary>
    Insert,

    /// <summary>STA_DEL: 23:59:59 is skipped.</summary>
    Delete,
}
