using System.Net;
using TimeActors.Linux.Native;
using static TimeActors.Linux.Native.LinuxConstants;

namespace TimeActors.Linux.Sockets;

/// <summary>
/// What the running kernel accepts, probed once at start on throw-away sockets: each optional
/// SO_TIMESTAMPING bit by setsockopt, per-message TX flags (Linux 4.7) and caller-chosen stamp ids
/// (SCM_TS_OPT_ID, Linux 6.13) by a real send to the probe socket's own loopback address and a read
/// of its error queue.
/// </summary>
public sealed record TimestampingSupport
{
    /// <summary>SO_TIMESTAMPING with software RX/TX reporting works at all.</summary>
    public bool SoTimestamping { get; init; }

    public bool SelectErrQueue { get; init; }

    public bool OptId { get; init; }

    public bool OptTsOnly { get; init; }

    public bool OptCmsg { get; init; }

    /// <summary>SOF_TIMESTAMPING_OPT_PKTINFO (Linux 4.13).</summary>
    public bool OptPktInfo { get; init; }

    /// <summary>SOF_TIMESTAMPING_OPT_TX_SWHW (Linux 4.13).</summary>
    public bool OptTxSwHw { get; init; }

    /// <summary>SOF_TIMESTAMPING_OPT_RX_FILTER (Linux 6.11).</summary>
    public bool OptRxFilter { get; init; }

    /// <summary>An SO_TIMESTAMPING cmsg on sendmsg requests a stamp for that message only.</summary>
    public bool PerMessageTxFlags { get; init; }

    /// <summary>SCM_TS_OPT_ID sets the id the TX stamp reports in ee_data.</summary>
    public bool CallerTxIds { get; init; }

    /// <summary>Everything on: what a recent kernel (such as 6.18) reports. For tests and flag-set tables.</summary>
    public static TimestampingSupport All { get; } = new()
    {
        SoTimestamping = true, SelectErrQueue = true, OptId = true, OptTsOnly = true, OptCmsg = true,
        OptPktInfo = true, OptTxSwHw = true, OptRxFilter = true, PerMessageTxFlags = true, CallerTxIds = true,
    };

    public static TimestampingSupport Probe()
    {
        LinuxAbi.EnsureSupported();
        var fd = Libc.socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            throw KernelCallException.FromLastError("socket");
        }

        try
        {
            const TimestampingFlags basic = TimestampingFlags.Software | TimestampingFlags.RxSoftware | TimestampingFlags.TxSoftware;
            var supported = new TimestampingSupport
            {
                SoTimestamping = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)basic),
                SelectErrQueue = Accepts(fd, SOL_SOCKET, SO_SELECT_ERR_QUEUE, 1),
            };
            if (!supported.SoTimestamping)
            {
                return supported;
            }

            supported = supported with
            {
                OptId = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptId)),
                OptTsOnly = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptTsOnly)),
                OptCmsg = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptCmsg)),
                OptPktInfo = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptPktInfo)),
                OptTxSwHw = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptTxSwHw)),
                OptRxFilter = Accepts(fd, SOL_SOCKET, SO_TIMESTAMPING, (int)(basic | TimestampingFlags.OptRxFilter)),
            };
            var (perMessage, callerIds) = ProbeSendPath(supported);
            return supported with { PerMessageTxFlags = perMessage, CallerTxIds = callerIds };
        }
        finally
        {
            Libc.close(fd);
        }
    }

    private static unsafe bool Accepts(int fd, int level, int name, int value) =>
        Libc.setsockopt(fd, level, name, &value, sizeof(int)) == 0;

    /// <summary>
    /// Sends one byte to itself over loopback twice: with a per-message SO_TIMESTAMPING cmsg on a socket
    /// that has no TX flags, then (if OPT_ID works) with an SCM_TS_OPT_ID cmsg, and checks the error queue.
    /// A kernel that rejects the cmsg type fails the send with EINVAL; one that ignores it sends no stamp.
    /// </summary>
    private static (bool PerMessage, bool CallerIds) ProbeSendPath(TimestampingSupport supported)
    {
        var probe = supported with { PerMessageTxFlags = true, CallerTxIds = supported.OptId };
        try
        {
            using var socket = TimestampingUdpSocket.Open(
                new UdpSocketOptions { Local = new IPEndPoint(IPAddress.Loopback, 0), Role = TimestampingRole.Server, ReceiveIcmpErrors = false },
                probe);
            using var batch = new MessageBatch(capacity: 4, payloadSize: 64);
            var self = InetEndpoint.FromIPEndPoint(socket.LocalEndPoint);
            ReadOnlySpan<byte> one = [0x50];

            // The first RX stamps after timestamping was switched on system-wide may be missing (the
            // kernel enables it from a work queue); wait until the loopback datagram carries one.
            socket.SendTo(one, self, new SendOptions(TxStampRequest.Requested));
            var perMessage = WaitForStamp(socket, batch, out _);
            WaitForRxStamp(socket, batch, self);
            if (!perMessage || !supported.OptId)
            {
                return (perMessage, false);
            }

            const uint chosen = 0x5EED_0001;
            try
            {
                socket.SendTo(one, self, new SendOptions(TxStampRequest.Requested, chosen));
            }
            catch (KernelCallException e) when (e.Errno == EINVAL)
            {
                return (true, false);
            }

            return (true, WaitForStamp(socket, batch, out var id) && id == chosen);
        }
        catch (KernelCallException)
        {
            // No loopback (e.g. a fresh namespace with lo down): report only what setsockopt showed.
            return (false, false);
        }
    }

    private static unsafe void WaitForRxStamp(TimestampingUdpSocket socket, MessageBatch batch, InetEndpoint self)
    {
        var pollFd = new PollFd { Fd = socket.FileDescriptor, Events = 0x1 }; // POLLIN
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var count = socket.Receive(batch, ReceiveQueue.Normal);
            for (var i = 0; i < count; i++)
            {
                batch.ParseControl(i, out var control);
                if (control.HasSoftwareTimestamp)
                {
                    return;
                }
            }

            socket.SendTo([0x52], self, new SendOptions(TxStampRequest.Suppressed));
            Libc.poll(&pollFd, 1, 10);
        }
    }

    private static unsafe bool WaitForStamp(TimestampingUdpSocket socket, MessageBatch batch, out uint id)
    {
        id = 0;
        var pollFd = new PollFd { Fd = socket.FileDescriptor, Events = 0x2 }; // POLLPRI, with SO_SELECT_ERR_QUEUE
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var count = socket.Receive(batch, ReceiveQueue.Error);
            for (var i = 0; i < count; i++)
            {
                batch.ParseControl(i, out var control);
                if (control.IsTxTimestamp && control.HasSoftwareTimestamp)
                {
                    id = control.ExtendedError.TimestampId;
                    return true;
                }
            }

            Libc.poll(&pollFd, 1, 10);
        }

        return false;
    }
}
