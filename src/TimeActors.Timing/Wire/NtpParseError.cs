namespace TimeActors.Timing.Wire;

/// <summary>Why a datagram was not accepted as an NTP packet. Parsing reports these instead of throwing.</summary>
public enum NtpParseError
{
    None = 0,

    /// <summary>Fewer than the 48 header bytes.</summary>
    TooShort,

    /// <summary>Longer than <see cref="NtpPacket.MaxLength"/>.</summary>
    TooLong,

    /// <summary>Length not a multiple of 4 (every extension field and MAC is 32-bit aligned).</summary>
    Misaligned,

    /// <summary>Version outside 1..4.</summary>
    UnsupportedVersion,

    /// <summary>Mode 0 (reserved), 6 (control) or 7 (private): not the header this parser knows.</summary>
    UnsupportedMode,

    /// <summary>An extension field header or body runs past the end of the packet.</summary>
    ExtensionFieldTruncated,

    /// <summary>An extension field shorter than the 16-byte minimum of RFC 7822.</summary>
    ExtensionFieldTooShort,

    /// <summary>An extension field length that is not a multiple of 4.</summary>
    ExtensionFieldMisaligned,

    /// <summary>Without a MAC, RFC 7822 requires the last extension field to be at least 28 bytes.</summary>
    LastExtensionFieldTooShort,
}
