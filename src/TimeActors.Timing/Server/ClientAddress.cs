using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TimeActors.Timing.Server;

/// <summary>
/// An IP address as a 128-bit value: the one key the server uses for access rules, rate limits and
/// interleaved state, and the address of every <see cref="Ports.Network.NetworkEndpoint"/>. IPv4 is
/// kept IPv4-mapped (::ffff:a.b.c.d), so an IPv4 client and the same client seen through a
/// dual-stack socket are one client, and nothing is converted or allocated per packet.
/// </summary>
public readonly record struct ClientAddress(UInt128 Value)
{
    private static readonly UInt128 MappedPrefix = (UInt128)0xFFFF << 32;
    private static readonly UInt128 MappedMask = ~(UInt128)uint.MaxValue;

    /// <summary>IPv4 (including an IPv4-mapped IPv6 address).</summary>
    public bool IsIPv4 => (Value & MappedMask) == MappedPrefix;

    public AddressFamily Family => IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    /// <summary>Bits in this family's address (32 or 128); prefix lengths of IPv4 rules count from the IPv4 part.</summary>
    public int BitLength => IsIPv4 ? 32 : 128;

    /// <summary>An IPv4 address from its host-order value (192.0.2.1 = 0xC0000201).</summary>
    public static ClientAddress FromIPv4(uint address) => new(MappedPrefix | address);

    /// <summary>From 4 (IPv4) or 16 (IPv6) address bytes in network order.</summary>
    public static ClientAddress FromBytes(ReadOnlySpan<byte> address)
    {
        if (address.Length == 4)
        {
            return FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(address));
        }

        if (address.Length == 16)
        {
            return new ClientAddress(BinaryPrimitives.ReadUInt128BigEndian(address));
        }

        throw new ArgumentException("An IP address has 4 or 16 bytes.", nameof(address));
    }

    /// <summary>Allocation-free conversion of a configured or socket address.</summary>
    public static ClientAddress FromIPAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out int written)
            ? FromBytes(bytes[..written])
            : throw new ArgumentException("Unsupported address.", nameof(address));
    }

    /// <summary>The address with every bit after the first <paramref name="prefixLength"/> of its family cleared.</summary>
    public ClientAddress Mask(int prefixLength)
    {
        if (IsIPv4)
        {
            uint v4 = prefixLength <= 0 ? 0u : prefixLength >= 32 ? (uint)Value : (uint)Value & (uint.MaxValue << (32 - prefixLength));
            return FromIPv4(v4);
        }

        if (prefixLength <= 0)
        {
            return default;
        }

        return prefixLength >= 128 ? this : new ClientAddress(Value & (UInt128.MaxValue << (128 - prefixLength)));
    }

    /// <summary>Allocates: for configuration, logs and reports.</summary>
    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return IsIPv4 ? new IPAddress(bytes[12..]) : new IPAddress(bytes);
    }

    public override string ToString() => ToIPAddress().ToString();
}
