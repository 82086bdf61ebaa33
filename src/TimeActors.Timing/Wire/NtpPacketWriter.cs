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
        return true;
    }

    /// <summary>
    /// Appends a MAC: key ID plus a 16-byte (MD5) or 20-byte (SHA-1) digest. A crypto-NAK (key ID 0,
    /// no digest) is allowed only right after the header: after extension fields its 4-byte tail
    /// could not be told apart from the end of a field or of a full MAC.
    /// </summary>
    public bool TryAppendMac(uint keyId, ReadOnlySpan<byte> digest)
    {
        int length = 4 + digest.Length;
        bool nak = length == NtpPacket.CryptoNakLength && keyId == 0 && Length == NtpHeader.Length;
        if (_macWritten || !(nak || NtpPacket.IsMacLength(length)) || Length + length > Math.Min(_buffer.Length, NtpPacket.MaxLength))
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
