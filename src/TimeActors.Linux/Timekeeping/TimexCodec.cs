using System.Runtime.InteropServices;

namespace TimeActors.Linux.Timekeeping;

/// <summary>Writes and reads struct timex bytes for a <see cref="TimexLayout"/>; no syscalls here.</summary>
public static class TimexCodec
{
    public static void Write(in Timex timex, Span<byte> destination, TimexLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        destination = destination[..layout.Size];
        destination.Clear();
        Put(destination, layout.Modes, (int)timex.Modes);
        Put(destination, layout.Offset, timex.Offset);
        Put(destination, layout.Frequency, timex.FrequencyScaledPpm);
        Put(destination, layout.MaxError, timex.MaxErrorUs);
        Put(destination, layout.EstError, timex.EstErrorUs);
        Put(destination, layout.Status, (int)timex.Status);
        Put(destination, layout.Constant, timex.Constant);
        Put(destination, layout.Precision, timex.PrecisionUs);
        Put(destination, layout.Tolerance, timex.ToleranceScaledPpm);
        Put(destination, layout.TimeSeconds, timex.TimeSeconds);
        Put(destination, layout.TimeFraction, timex.TimeFraction);
        Put(destination, layout.Tick, timex.TickUs);
        Put(destination, layout.PpsFrequency, timex.PpsFrequencyScaledPpm);
        Put(destination, layout.Jitter, timex.Jitter);
        Put(destination, layout.Shift, timex.Shift);
        Put(destination, layout.Stability, timex.StabilityScaledPpm);
        Put(destination, layout.JitterCount, timex.JitterCount);
        Put(destination, layout.CalibrationCount, timex.CalibrationCount);
        Put(destination, layout.ErrorCount, timex.ErrorCount);
        Put(destination, layout.StabilityCount, timex.StabilityCount);
        Put(destination, layout.Tai, timex.TaiSeconds);
    }

    public static Timex Read(ReadOnlySpan<byte> source, TimexLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        source = source[..layout.Size];
        return new Timex
        {
            Modes = (TimexModes)MemoryMarshal.Read<uint>(source[layout.Modes..]),
            Offset = Long(source, layout.Offset),
            FrequencyScaledPpm = Long(source, layout.Frequency),
            MaxErrorUs = Long(source, layout.MaxError),
            EstErrorUs = Long(source, layout.EstError),
            Status = (TimexStatus)Int(source, layout.Status),
            Constant = Long(source, layout.Constant),
            PrecisionUs = Long(source, layout.Precision),
            ToleranceScaledPpm = Long(source, layout.Tolerance),
            TimeSeconds = Long(source, layout.TimeSeconds),
            TimeFraction = Long(source, layout.TimeFraction),
            TickUs = Long(source, layout.Tick),
            PpsFrequencyScaledPpm = Long(source, layout.PpsFrequency),
            Jitter = Long(source, layout.Jitter),
            Shift = Int(source, layout.Shift),
            StabilityScaledPpm = Long(source, layout.Stability),
            JitterCount = Long(source, layout.JitterCount),
            CalibrationCount = Long(source, layout.CalibrationCount),
            ErrorCount = Long(source, layout.ErrorCount),
            StabilityCount = Long(source, layout.StabilityCount),
            TaiSeconds = Int(source, layout.Tai),
        };
    }

    private static void Put(Span<byte> destination, int offset, long value) => MemoryMarshal.Write(destination[offset..], value);

    private static void Put(Span<byte> destination, int offset, int value) => MemoryMarshal.Write(destination[offset..], value);

    private static long Long(ReadOnlySpan<byte> source, int offset) => MemoryMarshal.Read<long>(source[offset..]);

    private static int Int(ReadOnlySpan<byte> source, int offset) => MemoryMarshal.Read<int>(source[offset..]);
}
