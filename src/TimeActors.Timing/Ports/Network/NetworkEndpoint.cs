using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using TimeActors.Timing.Server;

namespace TimeActors.Timing.Ports.Network;

/// <summary>
/// An IP address and UDP port held by value (IPv4 as IPv4-mapped IPv6 in <see cref="Address"/>), so
/// the receive path names senders without allocating an <see cref="IPEndPoint"/> per packet.
/// </summary>
public readonly record struct NetworkEndpoint(ClientAddress Address, ushort Port)
{
    /// <summary>True for an IPv4 address (kept IPv4-mapped).</summary>
    public bool IsIPv4 => Address.IsIPv4;

    /// <summary>IPv4 or IPv6 as the address is.</summary>
    public AddressFamily Family => IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    /// <summary>Writes the 4 (IPv4) or 16 (IPv6) address bytes in network order and returns how many.</summary>
    public int WriteAddressBytes(Span<byte> destination)
    {
        if (IsIPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)Address.Value);
            return 4;
        }

        BinaryPrimitives.WriteUInt128BigEndian(destination, Address.Value);
        return 16;
    }

    /// <summary>From 4 or 16 address bytes in network order.</summary>
    public static NetworkEndpoint FromBytes(ReadOnlySpan<byte> address, ushort port) => new(ClientAddress.FromBytes(address), port);

    public static NetworkEndpoint FromIPEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        IPAddress address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        return new NetworkEndpoint(ClientAddress.FromIPAddress(address), (ushort)endPoint.Port);
    }

    /// <summary>Allocates: for configuration, logs and reports, never per packet.</summary>
    public IPEndPoint ToIPEndPoint()
    {
        Span<byte> bytes = stackalloc byte[16];
        int length = WriteAddressBytes(bytes);
        return new IPEndPoint(new IPAddress(bytes[..length]), Port);
    }

    public override string ToString() => IsIPv4 ? $"{Address}:{Port}" : $"[{Address}]:{Port}";
}
