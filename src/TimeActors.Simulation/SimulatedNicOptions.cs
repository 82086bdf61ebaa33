namespace TimeActors.Simulation;

/// <summary>
/// The client's NIC with hardware timestamping (clknetsim with CLKNETSIM_TIMESTAMPING=2): a PHC that
/// is true time plus an offset (no frequency error), white noise on every stamp, a link speed for the
/// RX transposition, PHC readings bracketed by system clock reads, and late TX stamps.
/// </summary>
public sealed record SimulatedNicOptions
{
    /// <summary>Interface name, as the scenario's hardware-timestamping entries name it.</summary>
    public string Name { get; init; } = "eth0";

    /// <summary>PHC minus true time, seconds.</summary>
    public double PhcOffsetSeconds { get; init; }

    /// <summary>Standard deviation of the noise on each hardware stamp, seconds.</summary>
    public double StampJitterSeconds { get; init; } = 10e-9;

    /// <summary>Link speed in Mb/s: the NIC stamps a received frame at its start, this long before its end.</summary>
    public int LinkSpeedMbps { get; init; } = 1000;

    /// <summary>Round trip of one PHC reading (PTP_SYS_OFFSET), seconds (clknetsim's PHC_DELAY).</summary>
    public double PhcReadDelaySeconds { get; init; } = 1e-6;

    /// <summary>Spread of the reading's half-delays, seconds (clknetsim's PHC_JITTER).</summary>
    public double PhcReadJitterSeconds { get; init; } = 1e-7;

    /// <summary>Readings per PHC poll.</summary>
    public int PhcReadingsPerPoll { get; init; } = 10;

    /// <summary>
    /// From the kernel's software TX stamp to the frame leaving the NIC, where the NIC stamps it, seconds.
    /// On real hosts the hardware stamp is always the later one (driver queue, DMA); clknetsim takes both
    /// at the same instant, which with stamp noise puts half the hardware stamps before the kernel's and
    /// makes chrony's (and our) 0..1 s sanity rule refuse them.
    /// </summary>
    public double TxPathDelaySeconds { get; init; } = 1e-6;

    /// <summary>When hardware TX stamps arrive, and how many never do.</summary>
    public TxStampLatency TxStampLatency { get; init; } = new();

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("a NIC needs a name", nameof(Name));
        if (LinkSpeedMbps < 0)
            throw new ArgumentOutOfRangeException(nameof(LinkSpeedMbps), LinkSpeedMbps, "must be 0 (unknown) or more");
        if (StampJitterSeconds < 0 || PhcReadDelaySeconds < 0 || PhcReadJitterSeconds < 0 || TxPathDelaySeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(StampJitterSeconds), "jitters and delays must be 0 or more");
        if (PhcReadingsPerPoll < 1)
            throw new ArgumentOutOfRangeException(nameof(PhcReadingsPerPoll), PhcReadingsPerPoll, "at least one reading per poll");
        TxStampLatency.Validate();
    }
}
