using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// An epoll set plus an eventfd. Sockets are registered for EPOLLIN|EPOLLPRI|EPOLLERR, so a thread
/// blocked in <see cref="Wait"/> wakes for a datagram, for a TX stamp queued on the error queue (POLLPRI
/// thanks to SO_SELECT_ERR_QUEUE, even when the send happened on another thread) and for an ICMP
/// error. <see cref="Wake"/> interrupts a wait from any thread (new work, shutdown).
/// </summary>
public sealed unsafe class SocketPoller : IDisposable
{
    private const ulong WakeToken = ulong.MaxValue;
    private const int MaxBatch = 64;

    private readonly EpollEventLayout layout = EpollEventLayout.Current;
    private int epollFd;
    private int eventFd;

    public SocketPoller()
    {
        LinuxAbi.EnsureSupported();
        epollFd = Libc.epoll_create1(EPOLL_CLOEXEC);
        if (epollFd < 0)
        {
            throw KernelCallException.FromLastError("epoll_create1");
        }

        eventFd = Libc.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (eventFd < 0)
        {
            var error = KernelCallException.FromLastError("eventfd");
            Libc.close(epollFd);
            throw error;
        }

        Control(EPOLL_CTL_ADD, eventFd, PollEvents.Readable, WakeToken);
    }

    /// <summary>Registers a socket under <paramref name="token"/> (any value but ulong.MaxValue).</summary>
    public void Add(TimestampingUdpSocket socket, ulong token, PollEvents events = PollEvents.TimestampingSocket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Add(socket.FileDescriptor, token, events);
    }

    /// <summary>Registers any file descriptor (e.g. a PHC or timerfd owned elsewhere).</summary>
    public void Add(int fileDescriptor, ulong token, PollEvents events)
    {
        if (token == WakeToken)
        {
            throw new ArgumentOutOfRangeException(nameof(token), "ulong.MaxValue is reserved for the wake-up eventfd");
        }

        Control(EPOLL_CTL_ADD, fileDescriptor, events, token);
    }

    public void Remove(TimestampingUdpSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Control(EPOLL_CTL_DEL, socket.FileDescriptor, PollEvents.None, 0);
    }

    /// <summary>
    /// Blocks until a registration is ready, <see cref="Wake"/> is called, or the timeout passes
    /// (-1: no timeout). Fills <paramref name="ready"/> and returns how many were written; a wake-up
    /// is consumed here and reported by <paramref name="woken"/> only.
    /// </summary>
    public int Wait(Span<PollReady> ready, int timeoutMs, out bool woken)
    {
        woken = false;
        var max = Math.Min(ready.Length + 1, MaxBatch);
        var buffer = stackalloc byte[MaxBatch * 16];
        int count;
        do
        {
            count = Libc.epoll_wait(Handle(epollFd), buffer, max, timeoutMs);
        }
        while (count < 0 && Libc.LastError == EINTR);

        if (count < 0)
        {
            throw KernelCallException.FromLastError("epoll_wait");
        }

        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var (events, token) = layout.Read(new ReadOnlySpan<byte>(buffer + (i * layout.Size), layout.Size));
            if (token == WakeToken)
            {
                ulong value;
                Libc.read(eventFd, &value, sizeof(ulong));
                woken = true;
            }
            else if (written < ready.Length)
            {
                ready[written++] = new PollReady(token, events);
            }
        }

        return written;
    }

    /// <summary>Makes a current or the next <see cref="Wait"/> return. Safe from any thread.</summary>
    public void Wake()
    {
        ulong one = 1;
        Libc.write(Handle(eventFd), &one, sizeof(ulong));
    }

    public void Dispose()
    {
        var e = Interlocked.Exchange(ref eventFd, -1);
        if (e >= 0)
        {
            Libc.close(e);
        }

        var p = Interlocked.Exchange(ref epollFd, -1);
        if (p >= 0)
        {
            Libc.close(p);
        }
    }

    private static int Handle(int fd) => fd >= 0 ? fd : throw new ObjectDisposedException(nameof(SocketPoller));

    private void Control(int operation, int fd, PollEvents events, ulong token)
    {
        Span<byte> ev = stackalloc byte[16];
        layout.Write(ev, events, token);
        fixed (byte* p = ev)
        {
            if (Libc.epoll_ctl(Handle(epollFd), operation, fd, p) != 0)
            {
                throw KernelCallException.FromLastError("epoll_ctl");
            }
        }
    }
}
