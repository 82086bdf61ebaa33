namespace TimeActors.Service.Settings;

/// <summary>Which received packets the NIC stamps (chrony <c>rxfilter</c>).</summary>
public enum RxFilter
{
    /// <summary>NTP packets if the NIC can filter them, else all, else none (chrony's default).</summary>
    Auto,

    /// <summary>Every received packet.</summary>
    All,

    /// <summary>NTP packets only (HWTSTAMP_FILTER_NTP_ALL).</summary>
    Ntp,

    /// <summary>PTP packets only (for NTP-over-PTP); NTP RX stamps fall back to the kernel's.</summary>
    Ptp,

    /// <summary>No hardware RX stamps; hardware TX stamps only.</summary>
    None,
}
