namespace TimeActors.Service.Network;

/// <summary>How a PHC is read (chrony's phc_mode), best first.</summary>
public enum PhcReadingMode
{
    /// <summary>Not chosen yet: the next read tries the modes in order.</summary>
    Unknown,

    /// <summary>PTP_SYS_OFFSET_PRECISE: a hardware cross-timestamp, no bracketing delay.</summary>
    Precise,

    /// <summary>PTP_SYS_OFFSET_EXTENDED: system reads immediately around each PHC read.</summary>
    Extended,

    /// <summary>PTP_SYS_OFFSET: the oldest, interleaved reads.</summary>
    Basic,
}
