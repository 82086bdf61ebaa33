using TimeActors.Linux.Ptp;

namespace TimeActors.Service.Network;

/// <summary>
/// The three ways Linux reads a PHC against the system clock (what <see cref="PtpClock"/> offers), as an
/// interface so the mode choice of <see cref="LinuxPhcReader"/> can be tested without a PHC. Each throws
/// a <see cref="Linux.KernelCallException"/> when the driver does not support it.
/// </summary>
public interface IPtpClockReadings
{
    /// <summary>PTP_SYS_OFFSET_PRECISE: one hardware cross-timestamp.</summary>
    PhcReading ReadPrecise();

    /// <summary>PTP_SYS_OFFSET_EXTENDED: up to 25 bracketed readings; returns how many.</summary>
    int ReadExtended(Span<PhcReading> readings);

    /// <summary>PTP_SYS_OFFSET: interleaved system and PHC reads; returns how many readings.</summary>
    int ReadBasic(Span<PhcReading> readings);
}
