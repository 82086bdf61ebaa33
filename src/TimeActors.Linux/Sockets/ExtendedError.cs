using TimeActors.Linux.Native;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// A struct sock_extended_err from an IP_RECVERR / IPV6_RECVERR control message, with the offender
/// address (SO_EE_OFFENDER) when the kernel appended one (ICMP errors).
/// </summary>
public readonly record struct ExtendedError(
    uint Errno,
    ErrorOrigin Origin,
    byte Type,
    byte Code,
    uint Info,
    uint Data,
    InetEndpoint Offender)
{
    /// <summary>
    /// True for a transmit timestamp report: ee_errno ENOMSG with origin TIMESTAMPING. Anything else
    /// (an ICMP error, a local error) is an error and never a timestamp.
    /// </summary>
    public bool IsTimestamp => Errno == LinuxConstants.ENOMSG && Origin == ErrorOrigin.Timestamping;

    /// <summary>True for an ICMP or ICMPv6 error (port unreachable, fragmentation needed, ...).</summary>
    public bool IsIcmp => Origin is ErrorOrigin.Icmp or ErrorOrigin.Icmp6;

    /// <summary>For a timestamp report: the point of the transmit path (ee_info).</summary>
    public TxTimestampType TimestampType => (TxTimestampType)Info;

    /// <summary>For a timestamp report with OPT_ID: the send's identifier (ee_data).</summary>
    public uint TimestampId => Data;
}
