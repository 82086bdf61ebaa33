using System.Buffers.Binary;

namespace TimeActors.Timing.Wire;

/// <summary>
/// A validated view of one NTP datagram: the header values plus spans over the extension fields
/// and the trailing MAC inside the caller's buffer (nothing is copied).
/// </summary>
/// <remarks>
/// Trailer layout rule (RFC 7822 §7.5): after the header, a tail of exactly 4 (crypto-NAK), 20
/// (key ID + MD5) or 24 (key ID + SHA-1) bytes is a MAC; anything else is an extension field. Because
/// a last extension field without a MAC must be at least 28 bytes, the two never collide at the end.
/// </remarks>
public readonly ref struct NtpPacket
{
    /// <summary>
    /// The largest datagram accepted: the IPv6 minimum MTU (1280) minus IPv6 and UDP headers, so a
    /// packet we accept never needed fragmentation, and extension fields cannot grow without bound.
    /// </summary>
    public const int MaxLength = 1232;

    /// <summary>A crypto-NAK: a MAC made of a zero key ID only.</summary>
    public const int CryptoNakLength = 4;

    public const int Md5MacLength = 20;

    public const int Sha1MacLength = 24;

    /// <summary>RFC 7822: the minimum length of any extension field.</summary>
    public const int MinExtensionFieldLength = 16;

    /// <summary>RFC 7822: the minimum length of the last extension field when no MAC follows.</summary>
    public const int MinLastExtensionFieldLength = 28;

    private NtpPacket(NtpHeader header, ReadOnlySpan<byte> extensionFields, ReadOnlySpan<byte> mac, int length)
    {
        Header = header;
        ExtensionFields = extensionFields;
        Mac = mac;
        Length = length;
    }

    public NtpHeader Header { get; }

    /// <summary>The raw extension-field region (possibly empty); enumerate it with <see cref="GetExtensionFields"/>.</summary>
    public ReadOnlySpan<byte> ExtensionFields { get; }

    /// <summary>The trailing MAC including its 4-byte key ID, or empty.</summary>
    public ReadOnlySpan<byte> Mac { get; }

    public int Length { get; }

    public bool HasMac => !Mac.IsEmpty;

    public uint MacKeyId => Mac.Length >= 4 ? BinaryPrimitives.ReadUInt32BigEndian(Mac) : 0;

    public NtpExtensionFieldEnumerator GetExtensionFields() => new(ExtensionFields);

    /// <summary>
    /// Validates and parses a datagram. Never throws: any malformed input returns a reason and a
    /// default packet.
    /// </summary>
    public static NtpParseError TryParse(ReadOnlySpan<byte> data, out NtpPacket packet)
    {
        packet = default;
        if (data.Length < NtpHeader.Length)
        {
            return NtpParseError.TooShort;
        }

        if (data.Length > MaxLength)
        {
            return NtpParseError.TooLong;
        }

        if ((data.Length & 3) != 0)
        {
            return NtpParseError.Misaligned;
        }

        NtpHeader header = NtpHeader.ReadFrom(data);
        if (header.Version is < 1 or > NtpHeader.CurrentVersion)
        {
            return NtpParseError.UnsupportedVersion;
        }

        if (header.Mode is NtpMode.Reserved or NtpMode.Control or NtpMode.Private)
        {
            return NtpParseError.UnsupportedMode;
        }

        ReadOnlySpan<byte> trailer = data[NtpHeader.Length..];
        if (header.Version < NtpHeader.CurrentVersion)
        {
            // NTPv1-3 have no extension fields: whatever follows the header is a MAC (including
            // the longer MS-SNTP authenticators).
            packet = new NtpPacket(header, ReadOnlySpan<byte>.Empty, trailer, data.Length);
            return NtpParseError.None;
        }

        if (trailer.Length == CryptoNakLength && BinaryPrimitives.ReadUInt32BigEndian(trailer) == 0)
        {
            packet = new NtpPacket(header, ReadOnlySpan<byte>.Empty, trailer, data.Length);
            return NtpParseError.None;
        }

        int offset = 0;
        int lastFieldLength = 0;
        while (offset < trailer.Length && !IsMacLength(trailer.Length - offset))
        {
            ReadOnlySpan<byte> rest = trailer[offset..];
            if (rest.Length < 4)
            {
                return NtpParseError.ExtensionFieldTruncated;
            }

            int fieldLength = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]);
            if (fieldLength < MinExtensionFieldLength)
            {
                return NtpParseError.ExtensionFieldTooShort;
            }

            if ((fieldLength & 3) != 0)
            {
                return NtpParseError.ExtensionFieldMisaligned;
            }

            if (fieldLength > rest.Length)
            {
                return NtpParseError.ExtensionFieldTruncated;
            }

            offset += fieldLength;
            lastFieldLength = fieldLength;
        }

        ReadOnlySpan<byte> mac = trailer[offset..];
        if (mac.IsEmpty && lastFieldLength != 0 && lastFieldLength < MinLastExtensionFieldLength)
        {
            return NtpParseError.LastExtensionFieldTooShort;
        }

        packet = new NtpPacket(header, trailer[..offset], mac, data.Length);
        return NtpParseError.None;
    }

    /// <summary>The NTPv4 MAC lengths after extension fields: key ID plus an MD5 or SHA-1 digest.</summary>
    public static bool IsMacLength(int length) => length is Md5MacLength or Sha1MacLength;
}
