using System.Buffers.Binary;

namespace TimeActors.Timing.Tests.Wire;

/// <summary>
/// Writes UDP payloads as Ethernet/IPv4/UDP frames into a classic pcap file (libpcap format 2.4,
/// link type 1), so external dissectors such as tshark can read packets we serialised.
/// </summary>
internal sealed class PcapWriter : IDisposable
{
    private const int EthernetHeaderLength = 14;
    private const int Ipv4HeaderLength = 20;
    private const int UdpHeaderLength = 8;

    private readonly FileStream _stream;
    private int _frames;

    public PcapWriter(string path)
    {
        _stream = File.Create(path);
        Span<byte> global = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(global, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(global[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(global[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(global[8..], 0); // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(global[12..], 0); // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(global[16..], 65535); // snaplen
        BinaryPrimitives.WriteUInt32LittleEndian(global[20..], 1); // LINKTYPE_ETHERNET
        _stream.Write(global);
    }

    public void WriteUdp(ReadOnlySpan<byte> payload, uint sourceIp, ushort sourcePort, uint destinationIp, ushort destinationPort)
    {
        int frameLength = EthernetHeaderLength + Ipv4HeaderLength + UdpHeaderLength + payload.Length;
        var frame = new byte[frameLength];

        // Ethernet: locally administered MACs, ethertype IPv4.
        ReadOnlySpan<byte> destinationMac = [0x02, 0, 0, 0, 0, 2];
        ReadOnlySpan<byte> sourceMac = [0x02, 0, 0, 0, 0, 1];
        destinationMac.CopyTo(frame);
        sourceMac.CopyTo(frame.AsSpan(6));
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0800);

        Span<byte> ip = frame.AsSpan(EthernetHeaderLength, Ipv4HeaderLength);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)(Ipv4HeaderLength + UdpHeaderLength + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], (ushort)(_frames + 1));
        BinaryPrimitives.WriteUInt16BigEndian(ip[6..], 0x4000); // don't fragment
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], sourceIp);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destinationIp);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Ipv4Checksum(ip));

        Span<byte> udp = frame.AsSpan(EthernetHeaderLength + Ipv4HeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpHeaderLength + payload.Length));
        // UDP checksum 0: "not computed", allowed over IPv4.
        payload.CopyTo(udp[UdpHeaderLength..]);

        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, 1_700_000_000u + (uint)_frames);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], 0);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frameLength);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frameLength);
        _stream.Write(record);
        _stream.Write(frame);
        _frames++;
    }

    public void Dispose() => _stream.Dispose();

    private static ushort Ipv4Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (int i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
