using System.Runtime.InteropServices;
using TimeActors.Linux.Sockets;

namespace TimeActors.Linux.Hardware;

/// <summary>
/// struct ethtool_ts_info (ETHTOOL_GET_TS_INFO, 44 bytes): which SOF_TIMESTAMPING bits the interface
/// supports, its PHC index (-1: none), and bitmasks of supported HWTSTAMP_TX_* and HWTSTAMP_FILTER_*.
/// </summary>
public sealed record EthtoolTimestampingInfo(TimestampingFlags Capabilities, int PhcIndex, uint TxTypes, uint RxFilters)
{
    public const int Size = 44;

    private const TimestampingFlags HardwareBits = TimestampingFlags.TxHardware | TimestampingFlags.RxHardware | TimestampingFlags.RawHardware;

    /// <summary>What chrony requires before trying SIOCSHWTSTAMP: RX, TX and raw hardware stamps and a PHC.</summary>
    public bool SupportsHardwareTimestamping => (Capabilities & HardwareBits) == HardwareBits && PhcIndex >= 0;

    public bool SupportsRxFilter(HwTimestampRxFilter filter) => (RxFilters & (1u << (int)filter)) != 0;

    public bool SupportsTxType(HwTimestampTxType type) => (TxTypes & (1u << (int)type)) != 0;

    /// <summary>The request: cmd ETHTOOL_GET_TS_INFO, the rest zero.</summary>
    public static void WriteRequest(Span<byte> destination)
    {
        destination[..Size].Clear();
        MemoryMarshal.Write(destination, Native.LinuxConstants.ETHTOOL_GET_TS_INFO);
    }

    /// <summary>{ u32 cmd; u32 so_timestamping; s32 phc_index; u32 tx_types; u32 tx_reserved[3]; u32 rx_filters; u32 rx_reserved[3]; }</summary>
    public static EthtoolTimestampingInfo Read(ReadOnlySpan<byte> source) => new(
        (TimestampingFlags)MemoryMarshal.Read<uint>(source[4..]),
        MemoryMarshal.Read<int>(source[8..]),
        MemoryMarshal.Read<uint>(source[12..]),
        MemoryMarshal.Read<uint>(source[28..]));
}
