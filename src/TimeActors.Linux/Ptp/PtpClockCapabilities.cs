using System.Runtime.InteropServices;

namespace TimeActors.Linux.Ptp;

/// <summary>
/// struct ptp_clock_caps (PTP_CLOCK_GETCAPS, 80 bytes): max_adj (ppb), n_alarm, n_ext_ts, n_per_out,
/// pps, n_pins, cross_timestamping, adjust_phase, max_phase_adj (ns), then reserved ints.
/// </summary>
public sealed record PtpClockCapabilities(
    int MaxAdjustmentPpb,
    int Alarms,
    int ExternalTimestampChannels,
    int PeriodicOutputs,
    bool Pps,
    int Pins,
    bool CrossTimestamping,
    bool AdjustPhase,
    int MaxPhaseAdjustmentNs)
{
    public const int Size = 80;

    public static PtpClockCapabilities Read(ReadOnlySpan<byte> source) => new(
        MemoryMarshal.Read<int>(source),
        MemoryMarshal.Read<int>(source[4..]),
        MemoryMarshal.Read<int>(source[8..]),
        MemoryMarshal.Read<int>(source[12..]),
        MemoryMarshal.Read<int>(source[16..]) != 0,
        MemoryMarshal.Read<int>(source[20..]),
        MemoryMarshal.Read<int>(source[24..]) != 0,
        MemoryMarshal.Read<int>(source[28..]) != 0,
        MemoryMarshal.Read<int>(source[32..]));
}
