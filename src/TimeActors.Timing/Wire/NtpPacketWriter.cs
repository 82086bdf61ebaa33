using System.Buffers.Binary;

namespace TimeActors.Timing.Wire;

/// <summary>
/// Serialises a packet into a caller-supplied buffer: header, then extension fields, then an
/// optional MAC. Each step reports failure instead of throwing when the buffer or the rules say no.
/// </summary>
public ref struct NtpPacketWriter
{
    private readonly Span<byte> _buffer;
    private bool _macWritten;
    private int _lastFieldLength;

    /// <summary>Writes the header; <paramref name="buffer"/> must hold at least 48 bytes.</summary>
    public NtpPacketWriter(Span<byte> buffer, in NtpHeader header)
    {
        if (buffer.Length < NtpHeader.Length)
        {
            throw new ArgumentException("An NTP packet needs at least 48 bytes.", nameof(buffer));
        }

        _buffer = buffer;
        header.WriteTo(buffer);
        Length = NtpHeader.Length;
        _macWritten = false;
        _lastFieldLength = 0;
    }

    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    /// <summary>
    /// Appends an extension field with its value zero-padded to a 4-byte boundary and to at least
    /// <paramref name="minimumLength"/> bytes in total (16 by RFC 7822; pass 28 for a last field
    /// that no MAC follows).
    /// </summary>
    public bool TryAppendExtensionField(ushort fieldType, ReadOnlySpan<byte> value, int minimumLength = NtpPacket.MinExtensionFieldLength)
    {
        int length = Math.Max(Math.Max(minimumLength, NtpPacket.MinExtensionFieldLength), (4 + value.Length + 3) & ~3);
        if (_macWritten || length > ushort.MaxValue || Length + length > Math.Min(_buffer.Length, NtpPacket.MaxLength))
        {
            return false;
        }

        Span<byte> field = _buffer.Slice(Length, length);
        BinaryPrimitives.WriteUInt16BigEndian(field, fieldType);
        BinaryPrimitives.WriteUInt16BigEndian(field[2..], (ushort)length);
        value.CopyTo(field[4..]);
        field[(4 + value.Length)..].Clear();
        Length += length;
        _lastFieldLength = length;
        return true;
    }

    /// <summary>
    /// Appends a MAC: key ID plus a 16-byte (MD5) or 20-byte (SHA-1) digest, or a bare key ID (crypto-NAK).
    /// A crypto-NAK right after a 16- or 20-byte extension field is refused: the 20- or 24-byte tail
    /// would read back as a full MAC (RFC 7822 identifies the MAC by length alone).
    /// </summary>
    public bool TryAppendMac(uint keyId, ReadOnlySpan<byte> digest)
    {
        int length = 4 + digest.Length;
        bool ambiguousNak = length == NtpPacket.CryptoNakLength && _lastFieldLength is 16 or 20;
        if (_macWritten || ambiguousNak || !NtpPacket.IsMacLength(length) || Length + length > Math.Min(_buffer.Length, NtpPacket.MaxLength))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(_buffer[Length..], keyId);
        digest.CopyTo(_buffer[(Length + 4)..]);
        Length += length;
        _macWritten = true;
        return true;
    }
}
