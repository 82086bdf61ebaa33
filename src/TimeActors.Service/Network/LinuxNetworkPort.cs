using System.Net;
using TimeActors.Linux;
using TimeActors.Linux.Sockets;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Network;

/// <summary>
/// The network port on Linux: timestamping UDP sockets (SO_TIMESTAMPING, error-queue TX stamps) and
/// one epoll set, read in batches. Stamps reach the sink as system time: hardware stamps through the
/// interface's <see cref="IHardwareClockModel"/>, else the kernel's software stamps, else the daemon
/// clock read after the receive.
/// </summary>
/// <remarks>
/// One lock guards the socket table. <see cref="Poll"/> waits in epoll outside it and reads the ready
/// sockets inside it, so a socket is never closed (and its descriptor reused) while being read.
/// Sends look the socket up under the lock and send outside it: only a socket's owner sends on it or
/// closes it, so those two never race.
/// </remarks>
public sealed class LinuxNetworkPort : INetworkPort
{
    private static readonly Lazy<TimestampingSupport> SharedSupport = new(TimestampingSupport.Probe);

    private readonly LinuxNetworkPortOptions _options;
    private readonly IHardwareClockModel? _hardwareClock;
    private readonly TimestampingSupport _support;
    private readonly object _gate = new();
    private readonly Dictionary<long, Entry> _sockets = [];
    private readonly SocketPoller _poller = new();
    private readonly MessageBatch _batch;
    private readonly PollReady[] _ready = new PollReady[32];
    private bool _disposed;
    private long _closedControlTruncated;

    public LinuxNetworkPort(LinuxNetworkPortOptions? options = null, IHardwareClockModel? hardwareClock = null, TimestampingSupport? support = null)
    {
        _options = options ?? new LinuxNetworkPortOptions();
        _hardwareClock = _options.HardwareTimestamping ? hardwareClock : null;
        _support = support ?? SharedSupport.Value;
        _batch = new MessageBatch(_options.BatchSize);
    }

    /// <summary>The kernel's timestamping features, probed once per process.</summary>
    public static TimestampingSupport Support => SharedSupport.Value;

    public string Name => _options.Name;

    public bool CanBlock => true;

    /// <summary>Hardware stamps are used only where a PHC model can convert them; without one, kernel stamps.</summary>
    public bool HardwareTimestamping => _hardwareClock is not null;

    /// <summary>Unused: this port blocks in <see cref="Poll"/> instead.</summary>
    public Action? EventsReady { get; set; }

    public int OpenSocketCount
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count;
            }
        }
    }

    public SystemTime ReadClock() => new(KernelClocks.ReadRealtime().TotalNanoseconds);

    public void OpenClient(NetworkSocketId id, NetworkEndpoint remote)
    {
        var local = new IPEndPoint(remote.IsIPv4 ? IPAddress.Any : IPAddress.IPv6Any, 0);
        Register(id, Open(new UdpSocketOptions
        {
            Local = local,
            Remote = remote.ToIPEndPoint(),
            Device = _options.Device,
            Role = TimestampingRole.Client,
            HardwareTimestamping = HardwareTimestamping,
            ReceiveBufferBytes = _options.ReceiveBufferBytes,
        }), pollNow: false);
    }

    public NetworkEndpoint OpenServer(NetworkSocketId id, NetworkEndpoint local, bool reusePort)
    {
        var socket = Open(new UdpSocketOptions
        {
            Local = local.ToIPEndPoint(),
            Device = _options.Device,
            ReusePort = reusePort,
            Role = TimestampingRole.Server,
            HardwareTimestamping = HardwareTimestamping,
            ReceiveBufferBytes = _options.ReceiveBufferBytes,
        });
        Register(id, socket, pollNow: true);
        return NetworkEndpoint.FromIPEndPoint(socket.LocalEndPoint);
    }

    /// <summary>
    /// Opens a server socket that this port does not poll: the multi-core server's socket loops own
    /// and read it themselves (created in the port's namespace, bound to its device, with its
    /// timestamping). Convert its stamps with <see cref="ToSystemStamp"/>.
    /// </summary>
    public TimestampingUdpSocket OpenUnpolledServer(NetworkEndpoint local, bool reusePort, int? receiveBufferBytes = null) =>
        Open(new UdpSocketOptions
        {
            Local = local.ToIPEndPoint(),
            Device = _options.Device,
            ReusePort = reusePort,
            Role = TimestampingRole.Server,
            HardwareTimestamping = HardwareTimestamping,
            ReceiveBufferBytes = receiveBufferBytes ?? _options.ReceiveBufferBytes,

            // A server socket is unconnected: ICMP errors from clients that went away would only
            // fill its error queue, which must stay free for TX stamps. Send errors still come back
            // from sendmmsg.
            ReceiveIcmpErrors = false,
        });

    /// <summary>
    /// The best stamp in one message's control data as system time: hardware through the PHC model,
    /// else the kernel's software stamp, else the daemon clock now. Allocation-free.
    /// </summary>
    public PacketTimestamp ToSystemStamp(in PacketControlData control, bool receive, int payloadLength, bool ipv6) =>
        BestStamp(control, receive, payloadLength, ipv6);

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null)
    {
        Entry? entry;
        lock (_gate)
        {
            _sockets.TryGetValue(id.Value, out entry);
        }

        SystemTime daemonTime = ReadClock();
        if (entry is null)
        {
            return new NetworkSendReceipt(false, false, 0, daemonTime, Errno: 9); // EBADF
        }

        try
        {
            return SendOn(entry.Socket, payload, requestTxStamp, destination, daemonTime);
        }
        finally
        {
            if (!entry.Polled)
            {
                StartPolling(entry);
            }
        }
    }

    /// <summary>Whether a socket is in the epoll set yet (client sockets join it after their first send).</summary>
    public bool IsPolled(NetworkSocketId id)
    {
        lock (_gate)
        {
            return _sockets.TryGetValue(id.Value, out var entry) && entry.Polled;
        }
    }

    private static NetworkSendReceipt SendOn(TimestampingUdpSocket socket, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination, SystemTime daemonTime)
    {
        var options = new SendOptions(requestTxStamp ? TxStampRequest.Requested : TxStampRequest.RoleDefault);
        try
        {
            SendResult result;
            if (destination is { } to)
            {
                Span<byte> bytes = stackalloc byte[16];
                int length = to.WriteAddressBytes(bytes);
                result = socket.SendTo(payload, InetEndpoint.FromAddressBytes(to.Family, bytes[..length], to.Port), options);
            }
            else
            {
                result = socket.Send(payload, options);
            }

            return new NetworkSendReceipt(true, result.TxTimestampRequested, result.TxId, daemonTime, 0);
        }
        catch (KernelCallException e)
        {
            // ECONNREFUSED after an ICMP port unreachable, ENETUNREACH, ...: the caller's receive timeout copes.
            return new NetworkSendReceipt(false, false, 0, daemonTime, e.Errno);
        }
    }

    /// <summary>Messages received with their control data cut (MSG_CTRUNC) on every socket this port has had, for telemetry.</summary>
    public long ControlTruncatedCount
    {
        get
        {
            lock (_gate)
            {
                return _closedControlTruncated + _sockets.Values.Sum(e => e.Socket.ControlTruncatedCount);
            }
        }
    }

    public void Close(NetworkSocketId id)
    {
        lock (_gate)
        {
            if (_sockets.Remove(id.Value, out var entry))
            {
                _closedControlTruncated += entry.Socket.ControlTruncatedCount;
                if (entry.Polled)
                {
                    _poller.Remove(entry.Socket);
                }

                entry.Socket.Dispose();
            }
        }
    }

    public int Poll(INetworkEventSink sink, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(sink);
        int timeoutMs = timeout == Timeout.InfiniteTimeSpan ? -1 : (int)Math.Ceiling(Math.Max(0, timeout.TotalMilliseconds));
        int ready = _poller.Wait(_ready, timeoutMs, out _);
        int delivered = 0;
        lock (_gate)
        {
            for (int i = 0; i < ready; i++)
            {
                PollReady r = _ready[i];
                if (!_sockets.TryGetValue((long)r.Token, out var entry))
                {
                    continue; // closed between the wait and now
                }

                if (r.ErrorQueueReady)
                {
                    delivered += DrainErrorQueue(entry, sink);
                }

                if (r.NormalQueueReady)
                {
                    delivered += DrainNormalQueue(entry, sink);
                }
            }
        }

        return delivered;
    }

    public void Wake() => _poller.Wake();

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var entry in _sockets.Values)
            {
                entry.Socket.Dispose();
            }

            _sockets.Clear();
        }

        _poller.Dispose();
        _batch.Dispose();
    }

    private static NetworkEndpoint ToEndpoint(in InetEndpoint endpoint)
    {
        if (endpoint.AddressLength == 0)
        {
            return default;
        }

        Span<byte> bytes = stackalloc byte[16];
        int length = endpoint.WriteAddressBytes(bytes);
        return NetworkEndpoint.FromBytes(bytes[..length], endpoint.Port);
    }

    private TimestampingUdpSocket Open(UdpSocketOptions options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);

        // A socket keeps the namespace it was created in, so only the creation runs inside it.
        return _options.NetworkNamespace is { } ns
            ? NetworkNamespace.Run(ns, () => TimestampingUdpSocket.Open(options, _support))
            : TimestampingUdpSocket.Open(options, _support);
    }

    /// <summary>
    /// Adds a socket to the table. <paramref name="pollNow"/> false (client sockets) keeps it out of
    /// the epoll set until its first send has returned: see <see cref="StartPolling"/>.
    /// </summary>
    private void Register(NetworkSocketId id, TimestampingUdpSocket socket, bool pollNow)
    {
        lock (_gate)
        {
            if (_disposed || _sockets.ContainsKey(id.Value))
            {
                socket.Dispose();
                ObjectDisposedException.ThrowIf(_disposed, this);
                throw new ArgumentException($"{id} is already open on port {Name}.", nameof(id));
            }

            var entry = new Entry(id, socket, ToEndpoint(InetEndpoint.FromIPEndPoint(socket.LocalEndPoint)));
            _sockets.Add(id.Value, entry);
            if (pollNow)
            {
                _poller.Add(socket, (ulong)id.Value);
                entry.Polled = true;
            }
        }
    }

    /// <summary>
    /// Puts a client socket into the epoll set once its request has been sent. Why not at open: the
    /// kernel takes the software TX stamp in the driver's xmit (veth, loopback and most NIC drivers
    /// call skb_tx_timestamp there) and queues it to the error queue at once, which wakes every epoll
    /// waiter on the socket (EPOLLERR is always in the interest set) - our poll thread, blocked in
    /// Poll. That wake-up runs in the sender's context after T1 is taken but before the packet
    /// travels on, so it lengthened the measured request leg (T2 - T1) only: on the e2e veth testbed
    /// by about 5 us and up to 13 us on a bare veth pair, biasing offsets by half of it (chronyd,
    /// single-threaded, has no waiter at send time). Registered after the send, the wake-up cost falls
    /// after the packet has gone; nothing is lost, because EPOLL_CTL_ADD reports a stamp or a response
    /// already queued as ready at once. Only the first send matters: per-request sockets send once.
    /// </summary>
    private void StartPolling(Entry entry)
    {
        lock (_gate)
        {
            if (_disposed || entry.Polled || !_sockets.TryGetValue(entry.Id.Value, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            _poller.Add(entry.Socket, (ulong)entry.Id.Value);
            entry.Polled = true;
        }
    }

    private int DrainNormalQueue(Entry entry, INetworkEventSink sink)
    {
        int delivered = 0;
        int count;
        do
        {
            long errorsBefore = entry.Socket.SocketErrorCount;
            count = entry.Socket.Receive(_batch, ReceiveQueue.Normal);
            if (entry.Socket.SocketErrorCount != errorsBefore)
            {
                sink.OnSocketError(entry.Id, entry.Socket.LastSocketError, default);
                delivered++;
            }

            for (int i = 0; i < count; i++)
            {
                _batch.ParseControl(i, out PacketControlData control);
                ReadOnlySpan<byte> payload = _batch.GetPayload(i);
                NetworkEndpoint remote = ToEndpoint(_batch.GetSource(i));
                PacketTimestamp rx = BestStamp(control, receive: true, payload.Length, !remote.IsIPv4);
                NetworkEndpoint local = control.HasPacketInfo
                    ? ToEndpoint(control.PacketInfoAddress) with { Port = entry.Local.Port }
                    : entry.Local;
                sink.OnDatagram(new NetworkDatagram(
                    entry.Id,
                    remote,
                    local,
                    control.HasPacketInfo ? control.PacketInfoInterfaceIndex : 0,
                    payload,
                    rx));
                delivered++;
            }
        }
        while (count == _batch.Capacity);

        return delivered;
    }

    private int DrainErrorQueue(Entry entry, INetworkEventSink sink)
    {
        int delivered = 0;
        int count;
        do
        {
            count = entry.Socket.Receive(_batch, ReceiveQueue.Error);
            for (int i = 0; i < count; i++)
            {
                _batch.ParseControl(i, out PacketControlData control);
                if (control.IsTxTimestamp)
                {
                    sink.OnTxStamp(entry.Id, control.ExtendedError.TimestampId, BestStamp(control, receive: false, 0, false));
                    delivered++;
                }
                else if (control.HasExtendedError)
                {
                    sink.OnSocketError(entry.Id, (int)control.ExtendedError.Errno, ToEndpoint(control.ExtendedError.Offender));
                    delivered++;
                }
            }
        }
        while (count == _batch.Capacity);

        return delivered;
    }

    private PacketTimestamp BestStamp(in PacketControlData control, bool receive, int payloadLength, bool ipv6)
    {
        if (control.HasHardwareTimestamp
            && HardwareStampConversion.TryConvert(
                _hardwareClock,
                control.HardwareTimestamp.TotalNanoseconds,
                receive,
                control.HasTimestampPacketInfo ? control.Layer2Length : 0,
                payloadLength,
                ipv6,
                out var hardware))
        {
            return hardware;
        }

        if (control.HasSoftwareTimestamp)
        {
            return new PacketTimestamp(new SystemTime(control.SoftwareTimestamp.TotalNanoseconds), TimestampSource.Kernel, TimeInterval.Zero);
        }

        return new PacketTimestamp(ReadClock(), TimestampSource.Daemon, TimeInterval.Zero);
    }

    private sealed record Entry(NetworkSocketId Id, TimestampingUdpSocket Socket, NetworkEndpoint Local)
    {
        /// <summary>In the epoll set; written under the port's lock.</summary>
        public bool Polled { get; set; }
    }
}
