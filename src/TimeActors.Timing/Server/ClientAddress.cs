using System.Buffers.Binary;
using System.Net;

namespace TimeActors.Timing.Server;

/// <summary>
/// A client's IP address as a 128-bit value (IPv4 as IPv4-mapped IPv6), so server tables can key
/// on it without allocating per packet.
/// </summary>
public readonly record struct ClientAddress(UInt128 Value)
{
    /// <summary>From 4 (IPv4) or 16 (IPv6) address bytes in network order.</summary>
    public static ClientAddress FromBytes(ReadOnlySpan<byte> address)
    {
        if (address.Length == 4)
        {
            return new ClientAddress(((UInt128)0xFFFF << 32) | BinaryPrimitives.ReadUInt32BigEndian(address));
        }

        if (address.Length == 16)
        {
            return new ClientAddress(BinaryPrimitives.ReadUInt128BigEndian(address));
        }

        throw new ArgumentException("An IP address has 4 or 16 bytes.", nameof(address));
    }

    public static ClientAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written) ? FromBytes(bytes[..written]) : default;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        var address = new IPAddress(bytes);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
