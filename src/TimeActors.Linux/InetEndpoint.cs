using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux;

/// <summary>
/// An IPv4 or IPv6 address with port and scope, held by value so that reading a packet's source or
/// local address allocates nothing (<see cref="IPEndPoint"/> is a class). Converts to and from
/// sockaddr_in / sockaddr_in6 bytes.
/// </summary>
public readonly record struct InetEndpoint
{
    // The 16 address bytes in wire order, split into two words; IPv4 uses the first 4 bytes.
    private readonly ulong addressLow;
    private readonly ulong addressHigh;

    private InetEndpoint(AddressFamily family, ulong low, ulong high, ushort port, uint scopeId)
    {
        Family = family;
        addressLow = low;
        addressHigh = high;
        Port = port;
        ScopeId = scopeId;
    }

    /// <summary>InterNetwork, InterNetworkV6, or Unspecified for the default value.</summary>
    public AddressFamily Family { get; }

    public ushort Port { get; }

    /// <summary>IPv6 scope (interface index for link-local addresses); 0 for IPv4.</summary>
    public uint ScopeId { get; }

    public bool IsIPv4 => Family == AddressFamily.InterNetwork;

    public bool IsIPv6 => Family == AddressFamily.InterNetworkV6;

    public int AddressLength => IsIPv4 ? 4 : IsIPv6 ? 16 : 0;

    public static InetEndpoint FromAddressBytes(AddressFamily family, ReadOnlySpan<byte> address, ushort port, uint scopeId = 0)
    {
        Span<byte> buffer = stackalloc byte[16];
        buffer.Clear();
        switch (family)
        {
            case AddressFamily.InterNetwork when address.Length == 4:
                address.CopyTo(buffer);
                break;
            case AddressFamily.InterNetworkV6 when address.Length == 16:
                address.CopyTo(buffer);
                break;
            default:
                throw new ArgumentException($"{address.Length} address bytes do not fit family {family}", nameof(address));
        }

        return new InetEndpoint(family, MemoryMarshal.Read<ulong>(buffer), MemoryMarshal.Read<ulong>(buffer[8..]), port, family == AddressFamily.InterNetworkV6 ? scopeId : 0);
    }

    public static InetEndpoint FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        return FromAddress(endPoint.Address, (ushort)endPoint.Port);
    }

    public static InetEndpoint FromAddress(IPAddress address, ushort port)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("address does not fit 16 bytes", nameof(address));
        }

        return FromAddressBytes(address.AddressFamily, bytes[..written], port, address.AddressFamily == AddressFamily.InterNetworkV6 ? (uint)address.ScopeId : 0);
    }

    /// <summary>Copies the address bytes (4 or 16) into <paramref name="destination"/> and returns how many.</summary>
    public int WriteAddressBytes(Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[16];
        MemoryMarshal.Write(buffer, in addressLow);
        MemoryMarshal.Write(buffer[8..], in addressHigh);
        buffer[..AddressLength].CopyTo(destination);
        return AddressLength;
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        var length = WriteAddressBytes(bytes);
        return length switch
        {
            4 => new IPAddress(bytes[..4]),
            16 => new IPAddress(bytes, ScopeId),
            _ => IPAddress.None,
        };
    }

    public IPEndPoint ToIPEndPoint() => new(ToIPAddress(), Port);

    public override string ToString() => Family == AddressFamily.Unspecified ? "(none)" : ToIPEndPoint().ToString();

    /// <summary>Writes a sockaddr_in or sockaddr_in6 and returns its length.</summary>
    internal int WriteSockaddr(Span<byte> destination)
    {
        Span<byte> address = stackalloc byte[16];
        WriteAddressBytes(address);
        if (IsIPv4)
        {
            destination[..SockaddrInSize].Clear();
            WriteHostUInt16(destination, 0, AF_INET);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Port);
            address[..4].CopyTo(destination[4..]);
            return SockaddrInSize;
        }

        if (IsIPv6)
        {
            destination[..SockaddrIn6Size].Clear();
            WriteHostUInt16(destination, 0, AF_INET6);
            BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Port);
            address.CopyTo(destination[8..]);
            MemoryMarshal.Write(destination[24..], ScopeId);
            return SockaddrIn6Size;
        }

        throw new InvalidOperationException("endpoint has no address family");
    }

    /// <summary>Reads a sockaddr_in or sockaddr_in6; false for other families or short input.</summary>
    internal static bool TryReadSockaddr(ReadOnlySpan<byte> source, out InetEndpoint endpoint)
    {
        endpoint = default;
        if (source.Length < 2)
        {
            return false;
        }

        var family = MemoryMarshal.Read<ushort>(source);
        if (family == AF_INET && source.Length >= SockaddrInSize)
        {
            endpoint = FromAddressBytes(AddressFamily.InterNetwork, source.Slice(4, 4), BinaryPrimitives.ReadUInt16BigEndian(source[2..]));
            return true;
        }

        if (family == AF_INET6 && source.Length >= SockaddrIn6Size)
        {
            endpoint = FromAddressBytes(AddressFamily.InterNetworkV6, source.Slice(8, 16), BinaryPrimitives.ReadUInt16BigEndian(source[2..]), MemoryMarshal.Read<uint>(source[24..]));
            return true;
        }

        return false;
    }

    private static void WriteHostUInt16(Span<byte> destination, int offset, int value)
    {
        var v = (ushort)value;
        MemoryMarshal.Write(destination[offset..], in v);
    }
}
