using TimeActors.Linux.Native;

namespace TimeActors.Linux;

/// <summary>clock_gettime for the system clocks and for dynamic clocks such as a PHC.</summary>
public static unsafe class KernelClocks
{
    public const int Realtime = Native.LinuxConstants.CLOCK_REALTIME;
    public const int Monotonic = Native.LinuxConstants.CLOCK_MONOTONIC;

    /// <summary>CLOCK_REALTIME: the clock SCM_TIMESTAMPING software stamps are taken on.</summary>
    public static KernelTimespec ReadRealtime() => Read(Realtime);

    public static KernelTimespec ReadMonotonic() => Read(Monotonic);

    public static KernelTimespec Read(int clockId)
    {
        var ts = stackalloc long[2];
        if (Libc.clock_gettime(clockId, ts) != 0)
        {
            throw KernelCallException.FromLastError($"clock_gettime({clockId})");
        }

        return new KernelTimespec(ts[0], ts[1]);
    }

    /// <summary>
    /// FD_TO_CLOCKID: the dynamic POSIX clock id of an open character device such as /dev/ptp0,
    /// ((~fd) &lt;&lt; 3) | CLOCKFD.
    /// </summary>
    public static int DynamicClockId(int fileDescriptor) => (~fileDescriptor << 3) | Native.LinuxConstants.CLOCKFD;
}
