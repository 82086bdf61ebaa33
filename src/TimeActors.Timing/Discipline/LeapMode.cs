namespace TimeActors.Timing.Discipline;

/// <summary>How a leap second announced by the sources is applied to the system clock.</summary>
public enum LeapMode
{
    /// <summary>
    /// The kernel inserts or deletes the second at midnight UTC (STA_INS/STA_DEL, set only on the
    /// day of the leap); chrony's <c>leapsecmode system</c>.
    /// </summary>
    Kernel,

    /// <summary>
    /// We step the clock by the second ourselves at midnight UTC (ADJ_SETOFFSET) instead of setting
    /// STA_INS/STA_DEL; chrony's <c>leapsecmode step</c>.
    /// </summary>
    Step,

    /// <summary>The clock is not told; the leap is still served to clients. The second is then corrected like any offset.</summary>
    Ignore,
}
