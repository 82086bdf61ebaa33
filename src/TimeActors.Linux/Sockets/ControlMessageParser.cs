using System.Net.Sockets;
using System.Runtime.InteropServices;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Walks a msg_control buffer (struct cmsghdr records, 64-bit layout: size_t cmsg_len, int level,
/// int type, data aligned to 8) and extracts what the timestamping code needs. Pure span code: it
/// allocates nothing and never throws on kernel-produced or hostile input.
/// </summary>
public static class ControlMessageParser
{
    /// <summary>sizeof(struct cmsghdr) on LP64; also CMSG_ALIGN's unit.</summary>
    public const int HeaderSize = 16;

    private const int TimespecSize = 16;

    public static int Align(int length) => (length + 7) & ~7;

    /// <summary>CMSG_SPACE(dataLength).</summary>
    public static int Space(int dataLength) => HeaderSize + Align(dataLength);

    /// <summary>CMSG_LEN(dataLength).</summary>
    public static int Length(int dataLength) => HeaderSize + dataLength;

    public static void Parse(ReadOnlySpan<byte> control, out PacketControlData result)
    {
        result = default;
        var offset = 0;
        while (control.Length - offset >= HeaderSize)
        {
            var header = control[offset..];
            var length = MemoryMarshal.Read<ulong>(header);
            if (length < HeaderSize || length > (ulong)(control.Length - offset))
            {
                result.Malformed = true;
                return;
            }

            var level = MemoryMarshal.Read<int>(header[8..]);
            var type = MemoryMarshal.Read<int>(header[12..]);
            var data = header[HeaderSize..(int)length];
            Dispatch(level, type, data, ref result);
            offset += Align((int)length);
        }
    }

    private static void Dispatch(int level, int type, ReadOnlySpan<byte> data, ref PacketControlData result)
    {
        switch (level)
        {
            case SOL_SOCKET when (type == SCM_TIMESTAMPING || type == SCM_TIMESTAMPING_NEW) && data.Length >= 3 * TimespecSize:
                result.HasTimestamping = true;
                result.SoftwareTimestamp = ReadTimespec(data);
                result.HardwareTimestamp = ReadTimespec(data[(2 * TimespecSize)..]);
                break;
            case SOL_SOCKET when type == SCM_TIMESTAMPING_PKTINFO && data.Length >= 8:
                result.HasTimestampPacketInfo = true;
                result.TimestampInterfaceIndex = MemoryMarshal.Read<int>(data);
                result.Layer2Length = MemoryMarshal.Read<int>(data[4..]);
                break;
            case SOL_IP when type == IP_PKTINFO && data.Length >= 12:
                // struct in_pktinfo { int ipi_ifindex; in_addr ipi_spec_dst; in_addr ipi_addr; }
                result.HasPacketInfo = true;
                result.PacketInfoInterfaceIndex = MemoryMarshal.Read<int>(data);
                result.PacketInfoAddress = InetEndpoint.FromAddressBytes(AddressFamily.InterNetwork, data.Slice(8, 4), 0);
                break;
            case SOL_IPV6 when type == IPV6_PKTINFO && data.Length >= 20:
                // struct in6_pktinfo { in6_addr ipi6_addr; int ipi6_ifindex; }
                result.HasPacketInfo = true;
                result.PacketInfoInterfaceIndex = MemoryMarshal.Read<int>(data[16..]);
                result.PacketInfoAddress = InetEndpoint.FromAddressBytes(AddressFamily.InterNetworkV6, data[..16], 0);
                break;
            case SOL_IP when type == IP_RECVERR && data.Length >= 16:
            case SOL_IPV6 when type == IPV6_RECVERR && data.Length >= 16:
                result.HasExtendedError = true;
                result.ExtendedError = ReadExtendedError(data);
                break;
            default:
                result.OtherMessages++;
                break;
        }
    }

    private static KernelTimespec ReadTimespec(ReadOnlySpan<byte> data) =>
        new(MemoryMarshal.Read<long>(data), MemoryMarshal.Read<long>(data[8..]));

    private static ExtendedError ReadExtendedError(ReadOnlySpan<byte> data)
    {
        // struct sock_extended_err { u32 ee_errno; u8 ee_origin, ee_type, ee_code, ee_pad; u32 ee_info; u32 ee_data; }
        // followed, for ICMP errors, by the offender's sockaddr (SO_EE_OFFENDER).
        InetEndpoint.TryReadSockaddr(data[16..], out var offender);
        return new ExtendedError(
            MemoryMarshal.Read<uint>(data),
            (ErrorOrigin)data[4],
            data[5],
            data[6],
            MemoryMarshal.Read<uint>(data[8..]),
            MemoryMarshal.Read<uint>(data[12..]),
            offender);
    }
}
