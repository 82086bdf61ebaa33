using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// Keeps kernel RX software timestamping switched on for the life of the process. The kernel stamps
/// incoming packets only while some socket wants RX stamps (the netstamp_needed static key), and it
/// switches that key on and off asynchronously from a work queue: right after the last such socket
/// closes and a new one opens, packets can arrive without a stamp. One unbound socket holding
/// SOF_TIMESTAMPING_RX_SOFTWARE, never closed, keeps the key on (chrony opens a similar dummy
/// socket when it sees a missing RX stamp).
/// </summary>
internal static unsafe class RxTimestampKeeper
{
    private static readonly object Gate = new();
    private static int fd = -1;

    internal static void Ensure()
    {
        if (Volatile.Read(ref fd) >= 0)
        {
            return;
        }

        lock (Gate)
        {
            if (fd >= 0)
            {
                return;
            }

            var socket = Libc.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (socket < 0)
            {
                throw KernelCallException.FromLastError("socket");
            }

            var flags = (int)(TimestampingFlags.RxSoftware | TimestampingFlags.Software);
            if (Libc.setsockopt(socket, SOL_SOCKET, SO_TIMESTAMPING, &flags, sizeof(int)) != 0)
            {
                var error = KernelCallException.FromLastError("setsockopt(SO_TIMESTAMPING)");
                Libc.close(socket);
                throw error;
            }

            Volatile.Write(ref fd, socket);
        }
    }
}
