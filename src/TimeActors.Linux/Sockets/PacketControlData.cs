namespace TimeActors.Linux.Sockets;

/// <summary>
/// What the control messages of one received datagram (normal or error queue) carried. Filled by
/// <see cref="ControlMessageParser"/> without allocating; absent items have their Has* flag false.
/// </summary>
public struct PacketControlData
{
    /// <summary>An SCM_TIMESTAMPING message was present.</summary>
    public bool HasTimestamping { get; internal set; }

    /// <summary>ts[0]: the kernel software stamp (zero when the message carried only a hardware stamp).</summary>
    public KernelTimespec SoftwareTimestamp { get; internal set; }

    /// <summary>ts[2]: the raw hardware stamp on the NIC's PHC timescale (zero when none).</summary>
    public KernelTimespec HardwareTimestamp { get; internal set; }

    public readonly bool HasSoftwareTimestamp => HasTimestamping && !SoftwareTimestamp.IsZero;

    public readonly bool HasHardwareTimestamp => HasTimestamping && !HardwareTimestamp.IsZero;

    /// <summary>An SCM_TIMESTAMPING_PKTINFO message was present (hardware-stamped RX with OPT_PKTINFO).</summary>
    public bool HasTimestampPacketInfo { get; internal set; }

    /// <summary>The interface that actually stamped the packet (matters behind bonds and bridges); 0 if unknown.</summary>
    public int TimestampInterfaceIndex { get; internal set; }

    /// <summary>Layer-2 length of the packet without FCS, from SCM_TIMESTAMPING_PKTINFO.</summary>
    public int Layer2Length { get; internal set; }

    /// <summary>An IP_PKTINFO or IPV6_PKTINFO message was present.</summary>
    public bool HasPacketInfo { get; internal set; }

    /// <summary>Interface index from IP(V6)_PKTINFO: arrival interface for RX, egress for looped-back TX.</summary>
    public int PacketInfoInterfaceIndex { get; internal set; }

    /// <summary>The header destination address from IP(V6)_PKTINFO (the local address for RX); port 0.</summary>
    public InetEndpoint PacketInfoAddress { get; internal set; }

    /// <summary>An IP_RECVERR / IPV6_RECVERR message was present (error queue only).</summary>
    public bool HasExtendedError { get; internal set; }

    public ExtendedError ExtendedError { get; internal set; }

    /// <summary>Control messages of other kinds, skipped.</summary>
    public int OtherMessages { get; internal set; }

    /// <summary>A control message header was inconsistent (length out of range); parsing stopped there.</summary>
    public bool Malformed { get; internal set; }

    /// <summary>The error-queue message is a transmit timestamp (and not, say, an ICMP error).</summary>
    public readonly bool IsTxTimestamp => HasExtendedError && ExtendedError.IsTimestamp;
}
