using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// A non-blocking UDP socket (IPv4 or IPv6) with SO_TIMESTAMPING, SO_SELECT_ERR_QUEUE, IP(V6)_PKTINFO
/// and IP(V6)_RECVERR set up for its <see cref="TimestampingRole"/>. Sends with sendmsg or sendmmsg
/// (per-message stamp requests, caller-chosen stamp ids and source addresses), receives batches with
/// recvmmsg from the normal or the error queue. Wait for readiness with <see cref="SocketPoller"/>.
/// Thread use: one sender and one receiver may run at once; Dispose only when neither is in a call.
/// </summary>
public sealed unsafe class TimestampingUdpSocket : IDisposable
{
    // CMSG_SPACE(4) for SO_TIMESTAMPING + CMSG_SPACE(4) for SCM_TS_OPT_ID + CMSG_SPACE(sizeof(in6_pktinfo) = 20)
    // for a chosen source address (which also covers CMSG_SPACE(sizeof(in_pktinfo) = 12)).
    internal const int SendControlSize = 48 + 40;
    private const int MaxErrorRetries = 8;

    private readonly bool callerIds;
    private readonly bool perMessageFlags;
    private int fd;
    private uint nextCounterId;
    private long controlTruncated;
    private long socketErrors;

    private TimestampingUdpSocket(int fd, AddressFamily family, TimestampingFlagSet flags, TimestampingSupport support)
    {
        this.fd = fd;
        Family = family;
        Flags = flags;
        callerIds = support.CallerTxIds && (flags.SocketFlags & TimestampingFlags.OptId) != 0;
        perMessageFlags = support.PerMessageTxFlags;
    }

    public AddressFamily Family { get; }

    /// <summary>The SO_TIMESTAMPING value on the socket and the flags sent per stamped message.</summary>
    public TimestampingFlagSet Flags { get; }

    /// <summary>The bound address and port (the kernel's random pick when port 0 was asked).</summary>
    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    /// <summary>The connected peer, or null.</summary>
    public IPEndPoint? RemoteEndPoint { get; private set; }

    /// <summary>The file descriptor, for registering with a <see cref="SocketPoller"/>.</summary>
    public int FileDescriptor => fd >= 0 ? fd : throw new ObjectDisposedException(nameof(TimestampingUdpSocket));

    /// <summary>Messages received with MSG_CTRUNC (control data cut: stamps or addresses may be missing).</summary>
    public long ControlTruncatedCount => Interlocked.Read(ref controlTruncated);

    /// <summary>Pending socket errors (e.g. ECONNREFUSED after an ICMP port unreachable) consumed by receives.</summary>
    public long SocketErrorCount => Interlocked.Read(ref socketErrors);

    /// <summary>The errno of the last consumed socket error, 0 if none.</summary>
    public int LastSocketError { get; private set; }

    public static TimestampingUdpSocket Open(UdpSocketOptions options, TimestampingSupport support)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(support);
        LinuxAbi.EnsureSupported();
        var family = options.Local.AddressFamily;
        if (family is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException($"unsupported address family {family}", nameof(options));
        }

        var v6 = family == AddressFamily.InterNetworkV6;
        var fd = Libc.socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw KernelCallException.FromLastError("socket");
        }

        var flags = TimestampingFlagSet.For(options.Role, support, options.HardwareTimestamping);
        var socket = new TimestampingUdpSocket(fd, family, flags, support);
        try
        {
            socket.Configure(options, v6);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends on a connected socket.</summary>
    public SendResult Send(ReadOnlySpan<byte> payload, SendOptions options = default) =>
        SendCore(payload, null, options);

    /// <summary>Sends to <paramref name="destination"/> (unconnected server sockets).</summary>
    public SendResult SendTo(ReadOnlySpan<byte> payload, in InetEndpoint destination, SendOptions options = default) =>
        SendCore(payload, destination, options);

    /// <summary>
    /// Reads up to <see cref="MessageBatch.Capacity"/> messages from the chosen queue without blocking
    /// and returns how many (0 when the queue is empty). A pending socket error reported instead of
    /// data is counted in <see cref="SocketErrorCount"/> and the read retried.
    /// </summary>
    public int Receive(MessageBatch batch, ReceiveQueue queue)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var flags = MSG_DONTWAIT | (queue == ReceiveQueue.Error ? MSG_ERRQUEUE : 0);
        for (var attempt = 0; ; attempt++)
        {
            var headers = batch.Prepare();
            batch.Queue = queue;
            var count = Libc.recvmmsg(FileDescriptor, headers, (uint)batch.Capacity, flags, null);
            if (count >= 0)
            {
                batch.Count = count;
                for (var i = 0; i < count; i++)
                {
                    if ((headers[i].Header.Flags & MSG_CTRUNC) != 0)
                    {
                        Interlocked.Increment(ref controlTruncated);
                    }
                }

                return count;
            }

            var errno = Libc.LastError;
            switch (errno)
            {
                case EAGAIN:
                    return 0;
                case EINTR:
                    continue;
                case EBADF or EINVAL:
                    throw new KernelCallException("recvmmsg", errno);
                default:
                    // An asynchronous error (ICMP on a connected socket) is returned once and cleared;
                    // the queued data behind it is still there.
                    Interlocked.Increment(ref socketErrors);
                    LastSocketError = errno;
                    if (attempt >= MaxErrorRetries)
                    {
                        return 0;
                    }

                    continue;
            }
        }
    }

    /// <summary>Reads and clears SO_ERROR; returns the errno that was pending (0 if none).</summary>
    public int ClearPendingError()
    {
        int value = 0;
        uint length = sizeof(int);
        if (Libc.getsockopt(FileDescriptor, SOL_SOCKET, SO_ERROR, &value, &length) != 0)
        {
            throw KernelCallException.FromLastError("getsockopt(SO_ERROR)");
        }

        return value;
    }

    public void Dispose()
    {
        var old = Interlocked.Exchange(ref fd, -1);
        if (old >= 0)
        {
            Libc.close(old);
        }
    }

    internal static void SetInt(int fd, int level, int name, int value, string what)
    {
        if (Libc.setsockopt(fd, level, name, &value, sizeof(int)) != 0)
        {
            throw KernelCallException.FromLastError($"setsockopt({what})");
        }
    }

    private void Configure(UdpSocketOptions options, bool v6)
    {
        if (v6)
        {
            SetInt(fd, SOL_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
        }

        if (options.ReusePort)
        {
            SetInt(fd, SOL_SOCKET, SO_REUSEPORT, 1, "SO_REUSEPORT");
        }

        if (options.Device is { } device)
        {
            BindToDevice(device);
        }

        if (options.ReceiveBufferBytes is { } bytes)
        {
            SetInt(fd, SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF");
        }

        if (v6)
        {
            SetInt(fd, SOL_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        }
        else
        {
            SetInt(fd, SOL_IP, IP_PKTINFO, 1, "IP_PKTINFO");
        }

        if (options.ReceiveIcmpErrors)
        {
            if (v6)
            {
                SetInt(fd, SOL_IPV6, IPV6_RECVERR, 1, "IPV6_RECVERR");
            }
            else
            {
                SetInt(fd, SOL_IP, IP_RECVERR, 1, "IP_RECVERR");
            }
        }

        if (Flags.SocketFlags != TimestampingFlags.None)
        {
            RxTimestampKeeper.Ensure();

            // Without this, a reader blocked in poll/epoll for POLLIN in another thread may not wake
            // when a TX stamp is queued; with it the error queue raises POLLPRI (seed 001).
            SetInt(fd, SOL_SOCKET, SO_SELECT_ERR_QUEUE, 1, "SO_SELECT_ERR_QUEUE");
            SetInt(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)Flags.SocketFlags, "SO_TIMESTAMPING");
        }

        Span<byte> address = stackalloc byte[SockaddrStorageSize];
        var length = InetEndpoint.FromIPEndPoint(options.Local).WriteSockaddr(address);
        fixed (byte* p = address)
        {
            if (Libc.bind(fd, p, (uint)length) != 0)
            {
                throw KernelCallException.FromLastError("bind", options.Local);
            }
        }

        if (options.Remote is { } remote)
        {
            length = InetEndpoint.FromIPEndPoint(remote).WriteSockaddr(address);
            fixed (byte* p = address)
            {
                if (Libc.connect(fd, p, (uint)length) != 0)
                {
                    throw KernelCallException.FromLastError("connect", remote);
                }
            }

            RemoteEndPoint = remote;
        }

        LocalEndPoint = ReadLocalEndPoint();
    }

    private void BindToDevice(string device)
    {
        var bytes = Encoding.UTF8.GetBytes(device + "\0");
        fixed (byte* p = bytes)
        {
            if (Libc.setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, p, (uint)bytes.Length) != 0)
            {
                throw KernelCallException.FromLastError("setsockopt(SO_BINDTODEVICE)", device);
            }
        }
    }

    private IPEndPoint ReadLocalEndPoint()
    {
        Span<byte> address = stackalloc byte[SockaddrStorageSize];
        uint length = SockaddrStorageSize;
        fixed (byte* p = address)
        {
            if (Libc.getsockname(fd, p, &length) != 0)
            {
                throw KernelCallException.FromLastError("getsockname");
            }
        }

        return InetEndpoint.TryReadSockaddr(address[..(int)length], out var local)
            ? local.ToIPEndPoint()
            : throw new KernelCallException("getsockname", 0, "getsockname returned an unexpected address family");
    }

    private SendResult SendCore(ReadOnlySpan<byte> payload, InetEndpoint? destination, SendOptions options)
    {
        var socketFd = FileDescriptor;
        Span<byte> name = stackalloc byte[SockaddrIn6Size];
        var nameLength = destination is { } d ? d.WriteSockaddr(name) : 0;

        byte* control = stackalloc byte[SendControlSize];
        var controlLength = WriteSendControl(control, options, out var stamped, out var useCallerId);

        fixed (byte* data = payload)
        fixed (byte* namePtr = name)
        {
            var iov = new IoVec { Base = data, Length = (nuint)payload.Length };
            var header = new MsgHdr
            {
                Name = nameLength > 0 ? namePtr : null,
                NameLength = (uint)nameLength,
                Iov = &iov,
                IovLength = 1,
                Control = controlLength > 0 ? control : null,
                ControlLength = (nuint)controlLength,
            };

            nint sent;
            do
            {
                sent = Libc.sendmsg(socketFd, &header, 0);
            }
            while (sent < 0 && Libc.LastError == EINTR);

            if (sent < 0)
            {
                throw KernelCallException.FromLastError("sendmsg");
            }

            var id = AssignTxId(stamped, useCallerId, options);
            return new SendResult((int)sent, stamped, id, useCallerId);
        }
    }

    /// <summary>
    /// Sends every message of <paramref name="batch"/> with sendmmsg (as few calls as the kernel
    /// allows) and fills each message's <see cref="SendResult"/> or errno. A message the kernel
    /// refuses (e.g. an unreachable destination) is skipped and the rest still go out; when the
    /// socket's buffer or the device queue is full (<see cref="DatagramSendBatch.IsBufferFull"/>) the
    /// rest fail at once with that errno (they would fail the same way now). Never blocks. Returns how many were sent.
    /// Allocates nothing.
    /// </summary>
    public int SendBatch(DatagramSendBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var socketFd = FileDescriptor;
        var count = batch.Count;
        var headers = batch.Headers;
        for (var i = 0; i < count; i++)
        {
            var options = batch.GetOptions(i);
            var control = batch.ControlOf(i);
            var length = WriteSendControl(control, options, out var stamped, out var useCallerId);
            batch.SetControlLength(i, length);
            batch.SetPlanned(i, stamped, useCallerId);
        }

        var sentTotal = 0;
        var next = 0;
        while (next < count)
        {
            var sent = Libc.sendmmsg(socketFd, headers + next, (uint)(count - next), 0);
            if (sent < 0)
            {
                var errno = Libc.LastError;
                if (errno == EINTR)
                {
                    continue;
                }

                if (DatagramSendBatch.IsBufferFull(errno))
                {
                    // The rest would fail the same way now; UDP may drop them, or the caller tries later.
                    for (; next < count; next++)
                    {
                        batch.SetFailed(next, errno);
                    }

                    break;
                }

                // The first remaining message failed: report it, go on with the others.
                batch.SetFailed(next, errno);
                next++;
                continue;
            }

            for (var i = next; i < next + sent; i++)
            {
                var options = batch.GetOptions(i);
                batch.GetPlanned(i, out var stamped, out var useCallerId);
                batch.SetSent(i, new SendResult((int)headers[i].Length, stamped, AssignTxId(stamped, useCallerId, options), useCallerId));
            }

            sentTotal += sent;
            next += sent;
        }

        return sentTotal;
    }

    // The per-message control data: an SO_TIMESTAMPING cmsg where this send's stamping differs from
    // the socket's, SCM_TS_OPT_ID for a caller-chosen id and IP(V6)_PKTINFO for a chosen source
    // address. Returns its length (0: none).
    private int WriteSendControl(byte* control, in SendOptions options, out bool stamped, out bool useCallerId)
    {
        var controlLength = 0;
        stamped = Flags.TxStampedPermanently;
        if (Flags.SocketFlags != TimestampingFlags.None && perMessageFlags)
        {
            if (!Flags.TxStampedPermanently && options.TxStamp == TxStampRequest.Requested)
            {
                controlLength += WriteUInt32Cmsg(control + controlLength, SOL_SOCKET, SO_TIMESTAMPING, (uint)Flags.PerMessageTxFlags);
                stamped = true;
            }
            else if (Flags.TxStampedPermanently && options.TxStamp == TxStampRequest.Suppressed)
            {
                // A cmsg's TX bits replace the socket's for this message: zero means no stamp.
                controlLength += WriteUInt32Cmsg(control + controlLength, SOL_SOCKET, SO_TIMESTAMPING, 0);
                stamped = false;
            }
        }

        useCallerId = stamped && callerIds && options.TxId.HasValue;
        if (useCallerId)
        {
            controlLength += WriteUInt32Cmsg(control + controlLength, SOL_SOCKET, SCM_TS_OPT_ID, options.TxId!.Value);
        }

        if (options.Source.Family == Family)
        {
            controlLength += WritePacketInfo(control + controlLength, options.Source);
        }

        return controlLength;
    }

    // The id the error-queue report of a sent message will carry.
    private uint AssignTxId(bool stamped, bool useCallerId, in SendOptions options)
    {
        if (useCallerId)
        {
            return options.TxId!.Value;
        }

        // The kernel's per-socket key advances once per stamped datagram.
        return stamped && (Flags.SocketFlags & TimestampingFlags.OptId) != 0 ? nextCounterId++ : 0;
    }

    private static int WriteUInt32Cmsg(byte* destination, int level, int type, uint value)
    {
        var space = WriteCmsgHeader(destination, level, type, sizeof(uint));
        *(uint*)(destination + ControlMessageParser.HeaderSize) = value;
        return space;
    }

    // struct in_pktinfo { int ipi_ifindex; struct in_addr ipi_spec_dst; struct in_addr ipi_addr; }: the
    // kernel takes the source from ipi_spec_dst. struct in6_pktinfo { struct in6_addr ipi6_addr; int
    // ipi6_ifindex; }. An interface index of 0 leaves the device to routing.
    private static int WritePacketInfo(byte* destination, in InetEndpoint source)
    {
        var v4 = source.IsIPv4;
        var space = v4
            ? WriteCmsgHeader(destination, SOL_IP, IP_PKTINFO, 12)
            : WriteCmsgHeader(destination, SOL_IPV6, IPV6_PKTINFO, 20);
        source.WriteAddressBytes(new Span<byte>(destination + ControlMessageParser.HeaderSize + (v4 ? 4 : 0), source.AddressLength));
        return space;
    }

    // A cmsghdr with zeroed data (and padding: the kernel must not see stale bytes); returns CMSG_SPACE.
    private static int WriteCmsgHeader(byte* destination, int level, int type, int dataLength)
    {
        var space = ControlMessageParser.Space(dataLength);
        new Span<byte>(destination, space).Clear();
        *(ulong*)destination = (ulong)ControlMessageParser.Length(dataLength);
        *(int*)(destination + 8) = level;
        *(int*)(destination + 12) = type;
        return space;
    }
}
