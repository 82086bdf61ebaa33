namespace TimeActors.Linux.Ptp;

/// <summary>
/// One PHC reading bracketed by system clock reads (CLOCK_REALTIME, ns since the epoch; the PHC in its
/// own timescale). A cross-timestamp (PTP_SYS_OFFSET_PRECISE) has SystemBefore == SystemAfter.
/// </summary>
public readonly record struct PhcReading(long SystemBeforeNs, long PhcNs, long SystemAfterNs)
{
    /// <summary>How long the reading took on the system clock; the bound on its error is half this.</summary>
    public long DelayNs => SystemAfterNs - SystemBeforeNs;

    /// <summary>The system time the PHC value is taken to belong to.</summary>
    public long SystemMidpointNs => SystemBeforeNs + (DelayNs / 2);

    /// <summary>PHC minus system time at the midpoint.</summary>
    public long OffsetNs => PhcNs - SystemMidpointNs;
}
