using System.Net;
using TimeActors.Actors;
using TimeActors.Timing.Hardware;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;

namespace TimeActors.Simulation;

/// <summary>
/// The client host's sockets on the simulated network, as the service's interface actor reads them.
/// It cannot block: events are queued at their (virtual) time and announced with
/// <see cref="EventsReady"/>. A send is stamped at once with the clock's reading (kernel TX stamp,
/// available immediately as in clknetsim); on a NIC with hardware timestamping the frame leaves the
/// NIC (and is stamped there) <see cref="SimulatedNicOptions.TxPathDelaySeconds"/> later, and that
/// hardware TX stamp follows after the NIC's latency, or never. The server answers at the request's arrival and the
/// response is delivered at its exact arrival time (rounded up to the scheduler's tick), stamped by the
/// kernel with the clock's reading at that exact time, and by the NIC in PHC time, converted through
/// the service's PHC model as a real port does.
/// </summary>
public sealed class SimulatedNetworkPort : INetworkPort
{
    /// <summary>The client's own address on the simulated network.</summary>
    public static readonly IPAddress ClientAddress = IPAddress.Parse("10.0.0.1");

    private readonly object _gate = new();
    private readonly SimulationTimeline _timeline;
    private readonly IScheduler _scheduler;
    private readonly SimulatedSystemClock _clock;
    private readonly IReadOnlyDictionary<NetworkEndpoint, SimulatedServer> _servers;
    private readonly SimulatedNic? _nic;
    private readonly IHardwareClockModel? _model;
    private readonly Dictionary<long, (NetworkEndpoint Local, NetworkEndpoint Remote)> _open = [];
    private readonly Queue<(NetworkSocketId Socket, Action<INetworkEventSink> Deliver)> _events = new();
    private readonly ClientAddress _clientKey = Timing.Server.ClientAddress.FromIPAddress(ClientAddress);
    private readonly Dictionary<NetworkEndpoint, (double? Last, double? Previous)> _sends = [];
    private ushort _nextPort = 40000;
    private uint _nextTxId = 1;

    /// <param name="name">"*" for the host's kernel-stamped port, the NIC's name otherwise.</param>
    /// <param name="nic">The NIC whose hardware stamps this port reports; null: kernel stamps only.</param>
    /// <param name="model">The service's PHC model of <paramref name="nic"/>, converting its raw stamps.</param>
    public SimulatedNetworkPort(
        string name,
        SimulationTimeline timeline,
        IScheduler scheduler,
        SimulatedSystemClock clock,
        IEnumerable<SimulatedServer> servers,
        SimulatedNic? nic = null,
        IHardwareClockModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Name = name;
        _timeline = timeline;
        _scheduler = scheduler;
        _clock = clock;
        _servers = servers.ToDictionary(s => s.Endpoint);
        _nic = model is null ? null : nic;
        _model = _nic is null ? null : model;
    }

    public string Name { get; }

    public bool CanBlock => false;

    public bool HardwareTimestamping => _model is not null;

    public Action? EventsReady { get; set; }

    public long Sent { get; private set; }

    public long Received { get; private set; }

    /// <summary>Events for sockets closed before their delivery (a response after the socket closed, a very late TX stamp).</summary>
    public long DroppedForClosedSocket { get; private set; }

    public SystemTime ReadClock() => _clock.Now();

    /// <summary>True times of the last two sends to <paramref name="remote"/> (the poll interval the service uses).</summary>
    public (double? Last, double? Previous) LastTwoSends(NetworkEndpoint remote)
    {
        lock (_gate)
        {
            return _sends.TryGetValue(remote, out var sends) ? sends : (null, null);
        }
    }

    public void OpenClient(NetworkSocketId id, NetworkEndpoint remote)
    {
        lock (_gate)
        {
            var local = NetworkEndpoint.FromIPEndPoint(new IPEndPoint(ClientAddress, NextPort()));
            if (!_open.TryAdd(id.Value, (local, remote)))
            {
                throw new ArgumentException($"{id} is already open on port {Name}.", nameof(id));
            }
        }
    }

    public NetworkEndpoint OpenServer(NetworkSocketId id, NetworkEndpoint local, bool reusePort)
    {
        lock (_gate)
        {
            if (!_open.TryAdd(id.Value, (local, default)))
            {
                throw new ArgumentException($"{id} is already open on port {Name}.", nameof(id));
            }
        }

        return local;
    }

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null)
    {
        double t = _timeline.Now;
        long nowNs = _clock.ReadingAt(t);
        var daemonTime = new SystemTime(nowNs);
        uint txId;
        NetworkEndpoint remote;
        lock (_gate)
        {
            if (!_open.TryGetValue(id.Value, out var socket))
            {
                return new NetworkSendReceipt(false, false, 0, daemonTime, Errno: 9); // EBADF
            }

            remote = destination ?? socket.Remote;
            txId = _nextTxId++;
            Sent++;
            _sends[remote] = (t, _sends.TryGetValue(remote, out var before) ? before.Last : null);

            // The kernel's software TX stamp (SOF_TIMESTAMPING_OPT_TX_SWHW: it comes even with HW stamping on).
            var kernel = new PacketTimestamp(daemonTime, TimestampSource.Kernel, TimeInterval.Zero);
            _events.Enqueue((id, sink => sink.OnTxStamp(id, txId, kernel)));
        }

        // Through a NIC the frame leaves (and is stamped) a little after the kernel's stamp.
        double departure = _nic is null ? t : t + _nic.Options.TxPathDelaySeconds;
        if (_nic is not null && _nic.DrawTxLatency() is { } latency)
        {
            long phcNs = _nic.PhcNs(departure);
            At(departure + latency, () => Enqueue(id, sink =>
            {
                // Converted when it arrives, with the model as it is then, as a real port does.
                if (_model!.TryConvert(phcNs, 0, receive: false, out var hardware))
                {
                    sink.OnTxStamp(id, txId, hardware);
                }
            }));
        }

        Transmit(id, payload, remote, departure);
        EventsReady?.Invoke();
        return new NetworkSendReceipt(true, true, txId, daemonTime, 0);
    }

    public void Close(NetworkSocketId id)
    {
        lock (_gate)
        {
            _open.Remove(id.Value);
        }
    }

    public int Poll(INetworkEventSink sink, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(sink);
        int delivered = 0;
        while (true)
        {
            (NetworkSocketId Socket, Action<INetworkEventSink> Deliver) next;
            lock (_gate)
            {
                if (!_events.TryDequeue(out next))
                {
                    return delivered;
                }

                if (!_open.ContainsKey(next.Socket.Value))
                {
                    DroppedForClosedSocket++;
                    continue;
                }
            }

            next.Deliver(sink);
            delivered++;
        }
    }

    public void Wake()
    {
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _open.Clear();
            _events.Clear();
        }
    }

    private void Transmit(NetworkSocketId id, ReadOnlySpan<byte> payload, NetworkEndpoint remote, double sentAt)
    {
        if (!_servers.TryGetValue(remote, out var server) || server.Link.ClientToServer() is not { } there)
        {
            return; // nobody there, or lost on the way
        }

        Span<byte> buffer = stackalloc byte[1024];
        int length = server.Respond(payload, _clientKey, sentAt + there, buffer, out double departure);
        if (length == 0 || server.Link.ServerToClient() is not { } back)
        {
            return;
        }

        byte[] response = buffer[..length].ToArray();
        double arrival = departure + back;
        At(arrival, () => Enqueue(id, sink => Deliver(sink, id, server.Endpoint, response, arrival)));
    }

    private void Deliver(INetworkEventSink sink, NetworkSocketId id, NetworkEndpoint remote, byte[] payload, double arrival)
    {
        NetworkEndpoint local;
        lock (_gate)
        {
            local = _open.TryGetValue(id.Value, out var socket) ? socket.Local : default;
            Received++;
        }

        var rx = new PacketTimestamp(new SystemTime(_clock.ReadingAt(arrival)), TimestampSource.Kernel, TimeInterval.Zero);
        if (_nic is not null)
        {
            long phcNs = _nic.RxStampNs(arrival, payload.Length);
            if (_model!.TryConvert(phcNs, Layer2Transposition.AssumedLength(payload.Length, ipv6: false), receive: true, out var hardware))
            {
                rx = hardware;
            }
        }

        sink.OnDatagram(new NetworkDatagram(id, remote, local, _nic is null ? 1 : 2, payload, rx));
    }

    private void At(double t, Action action) => _scheduler.ScheduleOnce(_timeline.DelayUntil(t), action);

    private void Enqueue(NetworkSocketId id, Action<INetworkEventSink> deliver)
    {
        lock (_gate)
        {
            _events.Enqueue((id, deliver));
        }

        EventsReady?.Invoke();
    }

    private ushort NextPort()
    {
        ushort port = _nextPort;
        _nextPort = _nextPort == ushort.MaxValue ? (ushort)40000 : (ushort)(_nextPort + 1);
        return port;
    }
}
