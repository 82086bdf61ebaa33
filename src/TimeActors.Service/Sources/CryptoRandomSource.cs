using System.Buffers.Binary;
using System.Security.Cryptography;
using TimeActors.Timing.Exchange;

namespace TimeActors.Service.Sources;

/// <summary>Request nonces from the system's cryptographic generator: an off-path attacker must not predict them.</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    public static CryptoRandomSource Instance { get; } = new();

    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }
}
