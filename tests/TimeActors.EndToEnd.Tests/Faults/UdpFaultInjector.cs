using System.Net;
using System.Net.Sockets;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Linux;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Faults;

/// <summary>
/// Sends bad traffic from a testbed node: random garbage, truncated NTP packets, and datagrams with
/// a forged source address and port (e.g. a "response" from the real server's address with a
/// wrong origin timestamp). Its sockets are created inside the node's namespace, so nothing leaves
/// the testbed.
/// </summary>
public sealed class UdpFaultInjector : IDisposable
{
    private readonly Socket _udp;
    private readonly Socket _raw;

    public UdpFaultInjector(TestbedNode node)
    {
        Node = node;
        (_udp, _raw) = NetworkNamespace.Run(node.Namespace, () =>
        {
            var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(node.Address, 0));
            var raw = new Socket(AddressFamily.InterNetwork, SocketType.Raw, ProtocolType.Udp);
            raw.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.HeaderIncluded, true);
            return (udp, raw);
        });
    }

    public TestbedNode Node { get; }

    /// <summary>The injector's own (unspoofed) source end point.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_udp.LocalEndPoint!;

    /// <summary>Sends <paramref name="length"/> random bytes (reproducible from <paramref name="seed"/>) and returns them.</summary>
    public byte[] SendGarbage(IPEndPoint target, int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        _udp.SendTo(bytes, target);
        return bytes;
    }

    /// <summary>Sends the first <paramref name="length"/> bytes (fewer than 48) of a client request; returns them.</summary>
    public byte[] SendTruncatedNtp(IPEndPoint target, int length)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(length, NtpHeader.Length);
        var bytes = NtpPackets.ClientRequest(NtpPackets.Now())[..length];
        _udp.SendTo(bytes, target);
        return bytes;
    }

    /// <summary>Sends <paramref name="payload"/> as if it came from <paramref name="spoofedSource"/>.</summary>
    public void SendSpoofed(IPEndPoint spoofedSource, IPEndPoint target, ReadOnlySpan<byte> payload) =>
        _raw.SendTo(Ipv4UdpDatagram.Build(spoofedSource, target, payload), new IPEndPoint(target.Address, 0));

    /// <summary>
    /// Sends a well-formed server response from <paramref name="spoofedServer"/> whose origin
    /// timestamp (<paramref name="wrongOrigin"/>) matches no request the target sent; returns it.
    /// </summary>
    public byte[] SendSpoofedResponse(IPEndPoint spoofedServer, IPEndPoint target, NtpTimestamp wrongOrigin)
    {
        var response = NtpPackets.ServerResponse(wrongOrigin);
        SendSpoofed(spoofedServer, target, response);
        return response;
    }

    public void Dispose()
    {
        _udp.Dispose();
        _raw.Dispose();
    }
}
