using System.Runtime.InteropServices;

namespace TimeActors.Linux.Ptp;

/// <summary>
/// Layouts of the PTP_SYS_OFFSET family (linux/ptp_clock.h), separate from the ioctls. A
/// struct ptp_clock_time is { s64 sec; u32 nsec; u32 reserved; } (16 bytes).
/// </summary>
public static class PtpCodec
{
    /// <summary>PTP_MAX_SAMPLES.</summary>
    public const int MaxSamples = 25;

    /// <summary>struct ptp_sys_offset { u32 n_samples; u32 rsv[3]; ptp_clock_time ts[2*25+1]; }</summary>
    public const int SysOffsetSize = 832;

    /// <summary>struct ptp_sys_offset_extended { u32 n_samples; u32 clockid (was rsv[0]); u32 rsv[2]; ptp_clock_time ts[25][3]; }</summary>
    public const int SysOffsetExtendedSize = 1216;

    /// <summary>struct ptp_sys_offset_precise { ptp_clock_time device, sys_realtime, sys_monoraw; u32 rsv[4]; }</summary>
    public const int SysOffsetPreciseSize = 64;

    private const int ClockTimeSize = 16;
    private const int TimesOffset = 16;

    public static long ReadClockTimeNs(ReadOnlySpan<byte> source) =>
        (MemoryMarshal.Read<long>(source) * 1_000_000_000L) + MemoryMarshal.Read<uint>(source[8..]);

    /// <summary>The request for PTP_SYS_OFFSET or PTP_SYS_OFFSET_EXTENDED: n_samples, everything else zero (clockid 0 = CLOCK_REALTIME).</summary>
    public static void WriteSampleRequest(Span<byte> destination, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(samples, MaxSamples);
        destination.Clear();
        MemoryMarshal.Write(destination, (uint)samples);
    }

    /// <summary>PTP_SYS_OFFSET: ts[] alternates sys, phc, sys, phc, ..., sys; reading i is (ts[2i], ts[2i+1], ts[2i+2]).</summary>
    public static int ReadSysOffset(ReadOnlySpan<byte> source, Span<PhcReading> readings)
    {
        var samples = Math.Min((int)MemoryMarshal.Read<uint>(source), Math.Min(MaxSamples, readings.Length));
        for (var i = 0; i < samples; i++)
        {
            var at = TimesOffset + (2 * i * ClockTimeSize);
            readings[i] = new PhcReading(
                ReadClockTimeNs(source[at..]),
                ReadClockTimeNs(source[(at + ClockTimeSize)..]),
                ReadClockTimeNs(source[(at + (2 * ClockTimeSize))..]));
        }

        return samples;
    }

    /// <summary>PTP_SYS_OFFSET_EXTENDED: ts[i] = { sys before, phc, sys after }.</summary>
    public static int ReadSysOffsetExtended(ReadOnlySpan<byte> source, Span<PhcReading> readings)
    {
        var samples = Math.Min((int)MemoryMarshal.Read<uint>(source), Math.Min(MaxSamples, readings.Length));
        for (var i = 0; i < samples; i++)
        {
            var at = TimesOffset + (3 * i * ClockTimeSize);
            readings[i] = new PhcReading(
                ReadClockTimeNs(source[at..]),
                ReadClockTimeNs(source[(at + ClockTimeSize)..]),
                ReadClockTimeNs(source[(at + (2 * ClockTimeSize))..]));
        }

        return samples;
    }

    /// <summary>PTP_SYS_OFFSET_PRECISE: a hardware cross-timestamp, zero delay.</summary>
    public static PhcReading ReadSysOffsetPrecise(ReadOnlySpan<byte> source)
    {
        var system = ReadClockTimeNs(source[ClockTimeSize..]);
        return new PhcReading(system, ReadClockTimeNs(source), system);
    }
}
