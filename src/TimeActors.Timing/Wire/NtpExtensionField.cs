namespace TimeActors.Timing.Wire;

/// <summary>One RFC 7822 extension field: its type and its value including any padding.</summary>
public readonly ref struct NtpExtensionField
{
    public NtpExtensionField(ushort fieldType, ReadOnlySpan<byte> value)
    {
        FieldType = fieldType;
        Value = value;
    }

    public ushort FieldType { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Length on the wire: 4 header bytes plus the value.</summary>
    public int Length => 4 + Value.Length;
}
