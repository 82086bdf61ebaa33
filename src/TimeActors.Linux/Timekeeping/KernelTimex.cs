using TimeActors.Linux.Native;

namespace TimeActors.Linux.Timekeeping;

/// <summary>
/// adjtimex(2) and clock_adjtime(2). A request with modes 0 only reads. Any other mode changes the
/// clock and needs CAP_SYS_TIME: EPERM becomes <see cref="ClockPermissionException"/>, EINVAL (a
/// value out of range, e.g. tick outside 900000/HZ..1100000/HZ) an <see cref="KernelCallException"/>.
/// </summary>
public static unsafe class KernelTimex
{
    /// <summary>Reads the kernel's NTP state (modes 0): no privilege needed, nothing changes.</summary>
    public static TimexResult Read() => Adjtimex(default);

    public static TimexResult Adjtimex(in Timex request)
    {
        LinuxAbi.EnsureSupported();
        var layout = TimexLayout.Current;
        var buffer = stackalloc byte[layout.Size];
        var span = new Span<byte>(buffer, layout.Size);
        TimexCodec.Write(request, span, layout);
        var state = Libc.adjtimex(buffer);
        return Finish("adjtimex", request.Modes, state, span, layout);
    }

    /// <summary>clock_adjtime on <paramref name="clockId"/> (CLOCK_REALTIME, or a PHC's dynamic id).</summary>
    public static TimexResult ClockAdjtime(int clockId, in Timex request)
    {
        LinuxAbi.EnsureSupported();
        var layout = TimexLayout.Current;
        var buffer = stackalloc byte[layout.Size];
        var span = new Span<byte>(buffer, layout.Size);
        TimexCodec.Write(request, span, layout);
        var state = Libc.clock_adjtime(clockId, buffer);
        return Finish("clock_adjtime", request.Modes, state, span, layout);
    }

    private static TimexResult Finish(string call, TimexModes modes, int state, ReadOnlySpan<byte> buffer, TimexLayout layout)
    {
        if (state < 0)
        {
            var errno = Libc.LastError;
            throw errno == LinuxConstants.EPERM
                ? new ClockPermissionException(call, modes)
                : new KernelCallException(call, errno);
        }

        return new TimexResult((ClockState)state, TimexCodec.Read(buffer, layout));
    }
}
