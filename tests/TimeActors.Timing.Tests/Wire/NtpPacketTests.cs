using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Wire;

namespace TimeActors.Timing.Tests.Wire;

public sealed class NtpPacketTests
{
    [Fact]
    public void Serialize_then_parse_is_the_identity_for_headers_of_every_version()
    {
        Prop.ForAll(NtpPacketGenerators.Header().ToArbitrary(), header =>
            {
                var buffer = new byte[NtpHeader.Length];
                header.WriteTo(buffer);
                NtpParseError error = NtpPacket.TryParse(buffer, out NtpPacket packet);
                return error == NtpParseError.None && packet.Header == header && packet.Length == 48 && !packet.HasMac;
            })
            .Check(PropertyConfig.Deterministic());
    }

    [Fact]
    public void Serialize_then_parse_then_serialize_is_the_identity_with_extension_fields_and_mac()
    {
        Prop.ForAll(NtpPacketGenerators.Packet.ToArbitrary(), parts =>
            {
                byte[] bytes = parts.Serialize();
                if (NtpPacket.TryParse(bytes, out NtpPacket packet) != NtpParseError.None || packet.Header != parts.Header)
                {
                    return false;
                }

                // Rebuild from the parsed view only; identical bytes mean nothing was lost or invented.
                var rebuilt = new byte[NtpPacket.MaxLength];
                var writer = new NtpPacketWriter(rebuilt, packet.Header);
                int count = 0;
                foreach (NtpExtensionField field in packet.GetExtensionFields())
                {
                    if (field.FieldType != parts.Fields[count].Type || !writer.TryAppendExtensionField(field.FieldType, field.Value))
                    {
                        return false;
                    }

                    count++;
                }

                if (packet.HasMac && !writer.TryAppendMac(packet.MacKeyId, packet.Mac[4..]))
                {
                    return false;
                }

                return count == parts.Fields.Length
                    && packet.HasMac == parts.MacKeyId.HasValue
                    && writer.Written.SequenceEqual(bytes);
            })
            .Check(PropertyConfig.Deterministic(500));
    }

    [Fact]
    public void Random_bytes_never_throw_and_accepted_ones_are_consistent()
    {
        Gen<byte[]> gen =
            from length in Gen.Frequency((1, Gen.Choose(0, 1300)), (3, Gen.Choose(12, 80).Select(w => w * 4)))
            from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
            select bytes;

        Prop.ForAll(gen.ToArbitrary(), bytes =>
            {
                NtpParseError error = NtpPacket.TryParse(bytes, out NtpPacket packet);
                if (error != NtpParseError.None)
                {
                    return packet.Length == 0;
                }

                int fieldBytes = 0;
                foreach (NtpExtensionField field in packet.GetExtensionFields())
                {
                    fieldBytes += field.Length;
                }

                return packet.Length == bytes.Length
                    && NtpHeader.Length + fieldBytes + packet.Mac.Length == bytes.Length
                    && fieldBytes == packet.ExtensionFields.Length;
            })
            .Check(PropertyConfig.Deterministic(5000));
    }

    [Fact]
    public void Corrupted_valid_packets_never_throw()
    {
        Gen<(PacketParts Parts, int Position, byte Value, int Cut)> gen =
            from parts in NtpPacketGenerators.Packet
            from position in Gen.Choose(0, 2000)
            from value in ArbMap.Default.GeneratorFor<byte>()
            from cut in Gen.Choose(0, 2000)
            select (parts, position, value, cut);

        Prop.ForAll(gen.ToArbitrary(), sample =>
            {
                byte[] bytes = sample.Parts.Serialize();
                bytes[sample.Position % bytes.Length] = sample.Value;
                byte[] truncated = bytes[..Math.Max(0, bytes.Length - (sample.Cut % 64))];
                _ = NtpPacket.TryParse(truncated, out _);
                return true;
            })
            .Check(PropertyConfig.Deterministic(2000));
    }

    [Theory]
    [InlineData(0, NtpParseError.TooShort)]
    [InlineData(47, NtpParseError.TooShort)]
    [InlineData(50, NtpParseError.Misaligned)]
    [InlineData(1236, NtpParseError.TooLong)]
    public void Bad_lengths_are_rejected_with_their_reason(int length, NtpParseError expected)
    {
        var bytes = new byte[length];
        if (length > 0)
        {
            bytes[0] = 0x23; // v4 client
        }

        Assert.Equal(expected, NtpPacket.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData(0, NtpParseError.UnsupportedVersion)]
    [InlineData(5, NtpParseError.UnsupportedVersion)]
    [InlineData(7, NtpParseError.UnsupportedVersion)]
    [InlineData(1, NtpParseError.None)]
    [InlineData(4, NtpParseError.None)]
    public void Versions_outside_1_to_4_are_rejected(int version, NtpParseError expected)
    {
        var bytes = new byte[48];
        bytes[0] = (byte)((version << 3) | 3);

        Assert.Equal(expected, NtpPacket.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData(NtpMode.Reserved)]
    [InlineData(NtpMode.Control)]
    [InlineData(NtpMode.Private)]
    public void Modes_with_other_layouts_are_rejected(NtpMode mode)
    {
        var bytes = new byte[48];
        bytes[0] = (byte)((4 << 3) | (int)mode);

        Assert.Equal(NtpParseError.UnsupportedMode, NtpPacket.TryParse(bytes, out _));
    }

    [Fact]
    public void Extension_field_errors_have_distinct_reasons()
    {
        Assert.Equal(NtpParseError.ExtensionFieldTooShort, NtpPacket.TryParse(WithTrailer(FieldHeader(0x0104, 12), new byte[24]), out _));
        Assert.Equal(NtpParseError.ExtensionFieldMisaligned, NtpPacket.TryParse(WithTrailer(FieldHeader(0x0104, 30), new byte[28]), out _));
        Assert.Equal(NtpParseError.ExtensionFieldTruncated, NtpPacket.TryParse(WithTrailer(FieldHeader(0x0104, 64), new byte[28]), out _));
        Assert.Equal(NtpParseError.LastExtensionFieldTooShort, NtpPacket.TryParse(WithTrailer(FieldHeader(0x0104, 16), new byte[12]), out _));
        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(WithTrailer(FieldHeader(0x0104, 28), new byte[24]), out NtpPacket ok));
        Assert.Equal(28, ok.ExtensionFields.Length);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(28)]
    [InlineData(72)] // MS-SNTP extended authenticator
    public void Ntpv3_takes_everything_after_the_header_as_the_mac(int trailerLength)
    {
        byte[] trailer = new byte[trailerLength];
        trailer[3] = 7;
        trailer[6] = 0x00;
        trailer[7] = 0x10; // would look like a 16-byte extension field in NTPv4

        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(WithTrailer(trailer, [], version: 3), out NtpPacket packet));
        Assert.Equal((trailerLength, 7u, 0), (packet.Mac.Length, packet.MacKeyId, packet.ExtensionFields.Length));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(24)]
    public void Mac_of_each_allowed_length_is_recognised_after_a_field(int macLength)
    {
        byte[] field = [.. FieldHeader(0x0200, 28), .. new byte[24]];
        byte[] mac = new byte[macLength];
        mac[3] = 9;

        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(WithTrailer(field, mac), out NtpPacket packet));
        Assert.Equal(macLength, packet.Mac.Length);
        Assert.Equal(28, packet.ExtensionFields.Length);
        Assert.Equal(9u, packet.MacKeyId);
    }

    [Fact]
    public void Crypto_nak_is_a_zero_key_id_right_after_the_header_only()
    {
        Assert.Equal(NtpParseError.None, NtpPacket.TryParse(WithTrailer(new byte[4], []), out NtpPacket nak));
        Assert.Equal((4, 0u), (nak.Mac.Length, nak.MacKeyId));

        // Anything else of 4 bytes is read as an extension field header, which is too short.
        Assert.Equal(NtpParseError.ExtensionFieldTooShort, NtpPacket.TryParse(WithTrailer([0, 0, 0, 1], []), out _));
        byte[] field = [.. FieldHeader(0x0200, 28), .. new byte[24]];
        Assert.Equal(NtpParseError.ExtensionFieldTooShort, NtpPacket.TryParse(WithTrailer(field, new byte[4]), out _));
    }

    [Fact]
    public void Writer_allows_a_crypto_nak_only_on_a_bare_header()
    {
        var buffer = new byte[200];
        var bare = new NtpPacketWriter(buffer, default(NtpHeader) with { Version = 4, Mode = NtpMode.Server });
        Assert.False(bare.TryAppendMac(5, []));
        Assert.True(bare.TryAppendMac(0, []));
        Assert.Equal(52, bare.Length);

        var withField = new NtpPacketWriter(buffer, default(NtpHeader) with { Version = 4, Mode = NtpMode.Server });
        Assert.True(withField.TryAppendExtensionField(0x0200, new byte[12]));
        Assert.False(withField.TryAppendMac(0, []));
    }

    [Fact]
    public void Writer_refuses_a_second_mac_and_fields_after_the_mac_and_bad_digest_lengths()
    {
        var buffer = new byte[200];
        var writer = new NtpPacketWriter(buffer, default);

        Assert.False(writer.TryAppendMac(1, new byte[10]));
        Assert.True(writer.TryAppendMac(1, new byte[16]));
        Assert.False(writer.TryAppendMac(1, new byte[16]));
        Assert.False(writer.TryAppendExtensionField(1, new byte[12]));
        Assert.Equal(68, writer.Length);
    }

    [Fact]
    public void Writer_refuses_to_exceed_its_buffer()
    {
        var buffer = new byte[64];
        var writer = new NtpPacketWriter(buffer, default);

        Assert.False(writer.TryAppendExtensionField(1, new byte[12], minimumLength: 28));
        Assert.True(writer.TryAppendExtensionField(1, new byte[8]));
        Assert.Equal(64, writer.Length);
        Assert.False(writer.TryAppendMac(0, []));
    }

    [Fact]
    public void Parsing_does_not_allocate()
    {
        byte[] bytes = new PacketParts(default(NtpHeader) with { Version = 4, Mode = NtpMode.Server }, [(0x0104, new byte[40])], 5u, new byte[20]).Serialize();
        int total = 0;
        _ = NtpPacket.TryParse(bytes, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            _ = NtpPacket.TryParse(bytes, out NtpPacket packet);
            foreach (NtpExtensionField field in packet.GetExtensionFields())
            {
                total += field.Length;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(44_000, total);
    }

    private static byte[] FieldHeader(ushort type, ushort length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(header, type);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), length);
        return header;
    }

    private static byte[] WithTrailer(byte[] first, byte[] second, int version = 4)
    {
        var bytes = new byte[48 + first.Length + second.Length];
        bytes[0] = (byte)((version << 3) | 4);
        first.CopyTo(bytes, 48);
        second.CopyTo(bytes, 48 + first.Length);
        return bytes;
    }
}
