using TimeActors.Timing.Hardware;

namespace TimeActors.Timing.Ports.Hardware;

/// <summary>
/// An interface's timestamping hardware as the PHC poller needs it: readings of its PTP hardware clock
/// against the system clock, and the link speed for the RX transposition. Linux reads /dev/ptpN and
/// ethtool; a simulation supplies its own.
/// </summary>
public interface IPhcReader
{
    /// <summary>For logs: the device or interface.</summary>
    string Name { get; }

    /// <summary>
    /// Fills <paramref name="readings"/> with one poll's readings (a cross-timestamp fills one) and returns
    /// how many; 0 when the clock could not be read.
    /// </summary>
    int Read(Span<PhcClockReading> readings);

    /// <summary>The link speed in Mb/s, or 0 when unknown (no transposition then).</summary>
    int ReadLinkSpeedMbps();
}
