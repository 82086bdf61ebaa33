namespace TimeActors.Timing.Hardware;

/// <summary>
/// One reading of a PHC bracketed by system clock reads (system times in ns since the epoch, the PHC
/// in its own timescale). A hardware cross-timestamp has <see cref="SystemBeforeNs"/> equal to
/// <see cref="SystemAfterNs"/>.
/// </summary>
public readonly record struct PhcClockReading(long SystemBeforeNs, long PhcNs, long SystemAfterNs)
{
    /// <summary>How long the reading took on the system clock; the PHC read happened somewhere inside.</summary>
    public long DelayNs => SystemAfterNs - SystemBeforeNs;

    /// <summary>The system time the PHC value is taken to belong to (middle of the bracket).</summary>
    public long SystemMidpointNs => SystemBeforeNs + (DelayNs / 2);
}
