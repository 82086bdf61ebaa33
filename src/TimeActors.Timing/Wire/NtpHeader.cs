using System.Buffers.Binary;

namespace TimeActors.Timing.Wire;

/// <summary>
/// The fixed 48-byte NTP header (RFC 5905 figure 8) as values. Reading and writing go straight
/// between this struct and a span, so the packet path never allocates.
/// </summary>
/// <param name="Poll">log2 of the poll interval in seconds.</param>
/// <param name="Precision">log2 of the sender's clock precision in seconds.</param>
/// <param name="ReferenceId">Reference ID as the big-endian 32-bit value on the wire (KoD code when stratum is 0).</param>
public readonly record struct NtpHeader(
    LeapIndicator Leap,
    byte Version,
    NtpMode Mode,
    byte Stratum,
    sbyte Poll,
    sbyte Precision,
    NtpShort RootDelay,
    NtpShort RootDispersion,
    uint ReferenceId,
    NtpTimestamp Reference,
    NtpTimestamp Origin,
    NtpTimestamp Receive,
    NtpTimestamp Transmit)
{
    public const int Length = 48;

    public const byte CurrentVersion = 4;

    /// <summary>Writes the 48 header bytes; the destination must hold at least <see cref="Length"/> bytes.</summary>
    public void WriteTo(Span<byte> destination)
    {
        destination = destination[..Length];
        destination[0] = (byte)((((int)Leap & 0x3) << 6) | ((Version & 0x7) << 3) | ((int)Mode & 0x7));
        destination[1] = Stratum;
        destination[2] = unchecked((byte)Poll);
        destination[3] = unchecked((byte)Precision);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], RootDelay.Raw);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], RootDispersion.Raw);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], ReferenceId);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], Reference.Raw);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], Origin.Raw);
        BinaryPrimitives.WriteUInt64BigEndian(destination[32..], Receive.Raw);
        BinaryPrimitives.WriteUInt64BigEndian(destination[40..], Transmit.Raw);
    }

    /// <summary>Reads the header fields without any validation (see <see cref="NtpPacket.TryParse"/>).</summary>
    public static NtpHeader ReadFrom(ReadOnlySpan<byte> source)
    {
        source = source[..Length];
        byte first = source[0];
        return new NtpHeader(
            (LeapIndicator)(first >> 6),
            (byte)((first >> 3) & 0x7),
            (NtpMode)(first & 0x7),
            source[1],
            unchecked((sbyte)source[2]),
            unchecked((sbyte)source[3]),
            new NtpShort(BinaryPrimitives.ReadUInt32BigEndian(source[4..])),
            new NtpShort(BinaryPrimitives.ReadUInt32BigEndian(source[8..])),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(source[16..])),
            new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(source[24..])),
            new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(source[32..])),
            new NtpTimestamp(BinaryPrimitives.ReadUInt64BigEndian(source[40..])));
    }
}
