using System.Net;

namespace TimeActors.Linux.Sockets;

/// <summary>How to open a <see cref="TimestampingUdpSocket"/>.</summary>
public sealed record UdpSocketOptions
{
    /// <summary>Address and port to bind; port 0 lets the kernel pick a random ephemeral port.</summary>
    public required IPEndPoint Local { get; init; }

    /// <summary>When set, the socket is connected to this peer (per-request client sockets).</summary>
    public IPEndPoint? Remote { get; init; }

    /// <summary>When set, SO_BINDTODEVICE to this interface name (needs CAP_NET_RAW).</summary>
    public string? Device { get; init; }

    /// <summary>SO_REUSEPORT: several sockets (one per worker) share one server address.</summary>
    public bool ReusePort { get; init; }

    public TimestampingRole Role { get; init; } = TimestampingRole.Client;

    /// <summary>Request hardware stamps (the interface must have been configured with SIOCSHWTSTAMP).</summary>
    public bool HardwareTimestamping { get; init; }

    /// <summary>IP_RECVERR / IPV6_RECVERR: ICMP errors arrive on the error queue with the offender's address.</summary>
    public bool ReceiveIcmpErrors { get; init; } = true;

    /// <summary>SO_RCVBUF in bytes, or null for the system default.</summary>
    public int? ReceiveBufferBytes { get; init; }
}
