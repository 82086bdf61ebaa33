using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;

namespace TimeActors.Service.Clock;

/// <summary>The NTP reference ID of a selected server (RFC 5905 §7.3): its IPv4 address, or the first four bytes of the MD5 of its IPv6 address.</summary>
public static class ReferenceIds
{
    /// <summary>From an address as source reports give it ("10.0.0.1:123", "[2001:db8::1]:123", or without port); 0 when absent or unparsable.</summary>
    public static uint FromAddress(string? address)
    {
        if (string.IsNullOrEmpty(address))
            return 0;

        IPAddress ip;
        if (IPEndPoint.TryParse(address, out var endpoint))
            ip = endpoint.Address;
        else if (!IPAddress.TryParse(address, out ip!))
            return 0;

        if (ip.IsIPv4MappedToIPv6)
            ip = ip.MapToIPv4();

        Span<byte> bytes = stackalloc byte[16];
        if (!ip.TryWriteBytes(bytes, out var written))
            return 0;

        if (written == 4)
            return BinaryPrimitives.ReadUInt32BigEndian(bytes);

        // Not a security use: RFC 5905 fixes MD5 for the IPv6 reference ID.
#pragma warning disable CA5351
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(bytes[..written], hash);
#pragma warning restore CA5351
        return BinaryPrimitives.ReadUInt32BigEndian(hash);
    }
}
