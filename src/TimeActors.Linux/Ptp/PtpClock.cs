using System.Globalization;
using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Ptp;

/// <summary>
/// An open PTP hardware clock (/dev/ptpN, read-only): capabilities, PHC-vs-system readings by
/// PTP_SYS_OFFSET_PRECISE, _EXTENDED or the basic PTP_SYS_OFFSET, and direct reads through the
/// dynamic POSIX clock id of the open descriptor.
/// </summary>
public sealed unsafe class PtpClock : IDisposable
{
    private int fd;

    private PtpClock(int fd, string path)
    {
        this.fd = fd;
        Path = path;
    }

    public string Path { get; }

    /// <summary>FD_TO_CLOCKID of the open device, usable with clock_gettime and clock_adjtime.</summary>
    public int ClockId => KernelClocks.DynamicClockId(Handle);

    private int Handle => fd >= 0 ? fd : throw new ObjectDisposedException(Path);

    public static PtpClock Open(int phcIndex) => Open(string.Create(CultureInfo.InvariantCulture, $"/dev/ptp{phcIndex}"));

    public static PtpClock Open(string path)
    {
        LinuxAbi.EnsureSupported();
        var fd = Libc.open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            throw KernelCallException.FromLastError("open", path);
        }

        var clock = new PtpClock(fd, path);
        try
        {
            _ = clock.GetCapabilities(); // a character device that is not a PHC fails here
            return clock;
        }
        catch
        {
            clock.Dispose();
            throw;
        }
    }

    public PtpClockCapabilities GetCapabilities()
    {
        var buffer = stackalloc byte[PtpClockCapabilities.Size];
        new Span<byte>(buffer, PtpClockCapabilities.Size).Clear();
        Ioctl(PTP_CLOCK_GETCAPS, buffer, "PTP_CLOCK_GETCAPS");
        return PtpClockCapabilities.Read(new ReadOnlySpan<byte>(buffer, PtpClockCapabilities.Size));
    }

    /// <summary>A hardware cross-timestamp; throws with EOPNOTSUPP when the driver has none.</summary>
    public PhcReading ReadPrecise()
    {
        var buffer = stackalloc byte[PtpCodec.SysOffsetPreciseSize];
        new Span<byte>(buffer, PtpCodec.SysOffsetPreciseSize).Clear();
        Ioctl(PTP_SYS_OFFSET_PRECISE, buffer, "PTP_SYS_OFFSET_PRECISE");
        return PtpCodec.ReadSysOffsetPrecise(new ReadOnlySpan<byte>(buffer, PtpCodec.SysOffsetPreciseSize));
    }

    /// <summary>Up to 25 (sys, phc, sys) readings with per-reading bracketing; returns how many were filled.</summary>
    public int ReadExtended(Span<PhcReading> readings)
    {
        var buffer = stackalloc byte[PtpCodec.SysOffsetExtendedSize];
        var span = new Span<byte>(buffer, PtpCodec.SysOffsetExtendedSize);
        PtpCodec.WriteSampleRequest(span, Math.Min(readings.Length, PtpCodec.MaxSamples));
        Ioctl(PTP_SYS_OFFSET_EXTENDED, buffer, "PTP_SYS_OFFSET_EXTENDED");
        return PtpCodec.ReadSysOffsetExtended(span, readings);
    }

    /// <summary>The oldest interface: interleaved system and PHC reads.</summary>
    public int ReadBasic(Span<PhcReading> readings)
    {
        var buffer = stackalloc byte[PtpCodec.SysOffsetSize];
        var span = new Span<byte>(buffer, PtpCodec.SysOffsetSize);
        PtpCodec.WriteSampleRequest(span, Math.Min(readings.Length, PtpCodec.MaxSamples));
        Ioctl(PTP_SYS_OFFSET, buffer, "PTP_SYS_OFFSET");
        return PtpCodec.ReadSysOffset(span, readings);
    }

    /// <summary>clock_gettime on the dynamic clock id: the PHC's current time.</summary>
    public KernelTimespec ReadTime() => KernelClocks.Read(ClockId);

    public void Dispose()
    {
        var old = Interlocked.Exchange(ref fd, -1);
        if (old >= 0)
        {
            Libc.close(old);
        }
    }

    private void Ioctl(uint request, byte* buffer, string name)
    {
        if (Libc.ioctl(Handle, request, buffer) != 0)
        {
            throw KernelCallException.FromLastError($"ioctl({name})", Path);
        }
    }
}
