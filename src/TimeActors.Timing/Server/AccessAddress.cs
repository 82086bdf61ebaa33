using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TimeActors.Timing.Server;

/// <summary>
/// A client's IP address as a value (no <see cref="IPAddress"/> allocation on the packet path).
/// IPv4 is kept in <see cref="Low"/>'s low 32 bits with <see cref="High"/> zero; IPv4-mapped IPv6
/// addresses (from dual-stack sockets) are folded to IPv4 so rules and rate limits see one client.
/// </summary>
public readonly record struct AccessAddress(ulong High, ulong Low, bool IsIPv4)
{
    public static AccessAddress FromIPv4(uint address) => new(0, address, true);

    /// <summary>From the 4 or 16 network-order bytes of an address.</summary>
    public static AccessAddress FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 4)
            return FromIPv4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        if (bytes.Length != 16)
            throw new ArgumentException("An address has 4 or 16 bytes.", nameof(bytes));

        var high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        return high == 0 && (low >> 32) == 0xFFFF ? FromIPv4((uint)low) : new AccessAddress(high, low, false);
    }

    /// <summary>Allocation-free conversion of a socket address.</summary>
    public static AccessAddress From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
            throw new ArgumentException("Unsupported address.", nameof(address));
        return FromBytes(bytes[..written]);
    }

    public IPAddress ToIPAddress()
    {
        if (IsIPv4)
        {
            var v4 = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)Low);
            return new IPAddress(v4);
        }

        var v6 = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, High);
        BinaryPrimitives.WriteUInt64BigEndian(v6.AsSpan(8), Low);
        return new IPAddress(v6);
    }

    public AddressFamily Family => IsIPv4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    /// <summary>Bits in this family's address (32 or 128).</summary>
    public int BitLength => IsIPv4 ? 32 : 128;

    /// <summary>The address with every bit after the first <paramref name="prefixLength"/> cleared.</summary>
    public AccessAddress Mask(int prefixLength)
    {
        if (IsIPv4)
            return FromIPv4(prefixLength <= 0 ? 0u : (uint)Low & (uint.MaxValue << (32 - prefixLength)));
        if (prefixLength <= 0)
            return new AccessAddress(0, 0, false);
        if (prefixLength <= 64)
            return new AccessAddress(High & (ulong.MaxValue << (64 - prefixLength)), 0, false);
        if (prefixLength >= 128)
            return this;
        return new AccessAddress(High, Low & (ulong.MaxValue << (128 - prefixLength)), false);
    }

    public override string ToString() => ToIPAddress().ToString();
}
