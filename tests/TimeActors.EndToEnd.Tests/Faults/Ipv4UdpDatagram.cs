using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TimeActors.EndToEnd.Tests.Faults;

/// <summary>
/// Builds a whole IPv4 + UDP datagram for a raw IP_HDRINCL socket, so a fault test can send from
/// any source address and port (a spoofed "server"). The kernel fills in the IP header checksum
/// and id; the UDP checksum is computed here so the receiver accepts the datagram.
/// </summary>
public static class Ipv4UdpDatagram
{
    public const int IpHeaderLength = 20;
    public const int UdpHeaderLength = 8;

    public static byte[] Build(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        if (source.AddressFamily != AddressFamily.InterNetwork || destination.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException("IPv4 end points only");
        }

        var udpLength = UdpHeaderLength + payload.Length;
        var packet = new byte[IpHeaderLength + udpLength];
        var ip = packet.AsSpan(0, IpHeaderLength);
        ip[0] = 0x45; // version 4, 5 words of header
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)packet.Length);
        ip[8] = 64; // TTL
        ip[9] = (byte)ProtocolType.Udp;
        source.Address.TryWriteBytes(ip[12..16], out _);
        destination.Address.TryWriteBytes(ip[16..20], out _);

        var udp = packet.AsSpan(IpHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], (ushort)destination.Port);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        payload.CopyTo(udp[UdpHeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], UdpChecksum(ip[12..20], udp));
        return packet;
    }

    /// <summary>RFC 768: one's complement sum over the pseudo header (addresses, protocol, length) and the UDP datagram.</summary>
    public static ushort UdpChecksum(ReadOnlySpan<byte> addresses, ReadOnlySpan<byte> udp)
    {
        ulong sum = (ulong)ProtocolType.Udp + (ulong)udp.Length;
        sum += Sum(addresses) + Sum(udp);
        while (sum >> 16 != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        var checksum = (ushort)~sum;
        return checksum == 0 ? (ushort)0xFFFF : checksum; // 0 would mean "no checksum"
    }

    private static ulong Sum(ReadOnlySpan<byte> bytes)
    {
        ulong sum = 0;
        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(bytes[i..]);
        }

        if ((bytes.Length & 1) != 0)
        {
            sum += (ulong)bytes[^1] << 8;
        }

        return sum;
    }
}
