using System.Buffers.Binary;

namespace TimeActors.Timing.Wire;

/// <summary>
/// Walks the extension fields of a packet already validated by <see cref="NtpPacket.TryParse"/>,
/// so it can trust every length it reads. Usable with <c>foreach</c>, without allocation.
/// </summary>
public ref struct NtpExtensionFieldEnumerator
{
    private ReadOnlySpan<byte> _remaining;
    private NtpExtensionField _current;

    internal NtpExtensionFieldEnumerator(ReadOnlySpan<byte> fields)
    {
        _remaining = fields;
        _current = default;
    }

    public readonly NtpExtensionField Current => _current;

    public readonly NtpExtensionFieldEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.Length < 4)
        {
            return false;
        }

        ushort type = BinaryPrimitives.ReadUInt16BigEndian(_remaining);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_remaining[2..]);
        _current = new NtpExtensionField(type, _remaining[4..length]);
        _remaining = _remaining[length..];
        return true;
    }
}
