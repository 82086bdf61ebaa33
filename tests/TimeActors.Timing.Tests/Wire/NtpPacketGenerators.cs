using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Wire;

/// <summary>A packet as independent parts, so a generator can build any structurally valid packet.</summary>
internal sealed record PacketParts(NtpHeader Header, (ushort Type, byte[] Value)[] Fields, uint? MacKeyId, byte[] MacDigest)
{
    public byte[] Serialize()
    {
        var buffer = new byte[NtpPacket.MaxLength];
        var writer = new NtpPacketWriter(buffer, Header);
        for (int i = 0; i < Fields.Length; i++)
        {
            bool last = i == Fields.Length - 1;
            // Without a MAC the last field must be long enough not to read back as one (RFC 7822).
            int minimum = last && MacKeyId is null ? NtpPacket.MinLastExtensionFieldLength : NtpPacket.MinExtensionFieldLength;
            Assert.True(writer.TryAppendExtensionField(Fields[i].Type, Fields[i].Value, minimum));
        }

        if (MacKeyId is uint keyId)
        {
            Assert.True(writer.TryAppendMac(keyId, MacDigest));
        }

        return writer.Written.ToArray();
    }

    public override string ToString() => $"{Header} fields={Fields.Length} mac={MacKeyId}/{MacDigest.Length}";
}

internal static class NtpPacketGenerators
{
    private static readonly NtpMode[] ParsedModes =
        [NtpMode.SymmetricActive, NtpMode.SymmetricPassive, NtpMode.Client, NtpMode.Server, NtpMode.Broadcast];

    public static Gen<ulong> UInt64 =>
        from high in ArbMap.Default.GeneratorFor<uint>()
        from low in ArbMap.Default.GeneratorFor<uint>()
        select ((ulong)high << 32) | low;

    public static Gen<NtpHeader> Header(int minVersion = 1) =>
        from leap in Gen.Choose(0, 3)
        from version in Gen.Choose(minVersion, 4)
        from mode in Gen.Elements(ParsedModes)
        from stratum in Gen.Choose(0, 255)
        from poll in Gen.Choose(-128, 127)
        from precision in Gen.Choose(-128, 127)
        from rootDelay in ArbMap.Default.GeneratorFor<uint>()
        from rootDispersion in ArbMap.Default.GeneratorFor<uint>()
        from refId in ArbMap.Default.GeneratorFor<uint>()
        from stamps in Gen.ArrayOf(UInt64, 4)
        select new NtpHeader(
            (LeapIndicator)leap,
            (byte)version,
            mode,
            (byte)stratum,
            (sbyte)poll,
            (sbyte)precision,
            new NtpShort(rootDelay),
            new NtpShort(rootDispersion),
            refId,
            new NtpTimestamp(stamps[0]),
            new NtpTimestamp(stamps[1]),
            new NtpTimestamp(stamps[2]),
            new NtpTimestamp(stamps[3]));

    private static Gen<(ushort, byte[])> Field =>
        from type in Gen.Choose(0, ushort.MaxValue)
        from words in Gen.Choose(3, 40)
        from value in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), words * 4)
        select ((ushort)type, value);

    public static Gen<PacketParts> Packet =>
        from header in Header(minVersion: 4)
        from fieldCount in Gen.Choose(0, 4)
        from fields in Gen.ArrayOf(Field, fieldCount)
        from macKind in Gen.Choose(0, 3)
        from keyId in ArbMap.Default.GeneratorFor<uint>()
        from digest in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), macKind == 2 ? 16 : 20)
        select macKind switch
        {
            0 => new PacketParts(header, fields, null, []),
            1 => new PacketParts(header, [], 0u, []), // a crypto-NAK only follows the bare header
            _ => new PacketParts(header, fields, keyId, digest),
        };
}
