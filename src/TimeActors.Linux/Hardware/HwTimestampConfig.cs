using System.Runtime.InteropServices;

namespace TimeActors.Linux.Hardware;

/// <summary>struct hwtstamp_config { int flags; int tx_type; int rx_filter; } (12 bytes) for SIOC[SG]HWTSTAMP.</summary>
public readonly record struct HwTimestampConfig(int Flags, HwTimestampTxType TxType, HwTimestampRxFilter RxFilter)
{
    public const int Size = 12;

    public void Write(Span<byte> destination)
    {
        MemoryMarshal.Write(destination, Flags);
        MemoryMarshal.Write(destination[4..], (int)TxType);
        MemoryMarshal.Write(destination[8..], (int)RxFilter);
    }

    public static HwTimestampConfig Read(ReadOnlySpan<byte> source) => new(
        MemoryMarshal.Read<int>(source),
        (HwTimestampTxType)MemoryMarshal.Read<int>(source[4..]),
        (HwTimestampRxFilter)MemoryMarshal.Read<int>(source[8..]));
}
