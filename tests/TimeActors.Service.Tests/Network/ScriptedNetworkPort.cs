using TimeActors.Actors;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network;

/// <summary>
/// A network port that never touches the kernel: its clock is the actor system's scheduler (virtual
/// time in tests), sends are recorded and handed to <see cref="OnSend"/> (a scripted peer), and events
/// are queued for delivery at scripted times through the scheduler, then signalled with
/// <see cref="EventsReady"/> (it cannot block). Events for sockets closed by then are dropped and counted.
/// </summary>
public sealed class ScriptedNetworkPort : INetworkPort
{
    private readonly IScheduler _scheduler;
    private readonly object _gate = new();
    private readonly Dictionary<long, NetworkEndpoint> _open = [];
    private readonly Queue<Func<INetworkEventSink, bool>> _events = new();
    private readonly List<ScriptedSend> _sent = [];
    private uint _nextTxId = 100;

    public ScriptedNetworkPort(IScheduler scheduler, bool hardwareTimestamping = false, string name = "fake0")
    {
        _scheduler = scheduler;
        HardwareTimestamping = hardwareTimestamping;
        Name = name;
    }

    public string Name { get; }

    public bool CanBlock => false;

    public bool HardwareTimestamping { get; }

    public Action? EventsReady { get; set; }

    /// <summary>The scripted peer: sees every send (on the sender's thread).</summary>
    public Action<ScriptedSend>? OnSend { get; set; }

    /// <summary>Sends for which this returns true throw, as a failing device would (to crash the caller).</summary>
    public Func<ScriptedSend, bool>? FailSend { get; set; }

    public int OpenedSockets { get; private set; }

    public int ClosedSockets { get; private set; }

    /// <summary>Events whose socket was closed before delivery (a late TX stamp after the socket went).</summary>
    public int DroppedForClosedSocket { get; private set; }

    public IReadOnlyList<ScriptedSend> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    public int OpenSocketCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    public SystemTime ReadClock() => ToSystemTime(_scheduler.Now);

    public static SystemTime ToSystemTime(DateTimeOffset time) => new((time - DateTimeOffset.UnixEpoch).Ticks * 100);

    public void OpenClient(NetworkSocketId id, NetworkEndpoint remote)
    {
        lock (_gate)
        {
            _open.Add(id.Value, remote);
            OpenedSockets++;
        }
    }

    public NetworkEndpoint OpenServer(NetworkSocketId id, NetworkEndpoint local, bool reusePort)
    {
        lock (_gate)
        {
            _open.Add(id.Value, local);
            OpenedSockets++;
        }

        return local;
    }

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null)
    {
        SystemTime now = ReadClock();
        ScriptedSend send;
        lock (_gate)
        {
            if (!_open.TryGetValue(id.Value, out var remote))
            {
                return new NetworkSendReceipt(false, false, 0, now, 9);
            }

            send = new ScriptedSend(id, destination ?? remote, payload.ToArray(), _nextTxId++, now);
            _sent.Add(send);
        }

        if (FailSend?.Invoke(send) == true)
        {
            throw new InvalidOperationException($"scripted failure sending on {id}");
        }

        OnSend?.Invoke(send);
        return new NetworkSendReceipt(true, true, send.TxId, now, 0);
    }

    public void Close(NetworkSocketId id)
    {
        lock (_gate)
        {
            if (_open.Remove(id.Value))
            {
                ClosedSockets++;
            }
        }
    }

    public int Poll(INetworkEventSink sink, TimeSpan timeout)
    {
        int delivered = 0;
        while (true)
        {
            Func<INetworkEventSink, bool> next;
            lock (_gate)
            {
                if (!_events.TryDequeue(out next!))
                {
                    return delivered;
                }
            }

            if (next(sink))
            {
                delivered++;
            }
        }
    }

    public void Wake()
    {
    }

    public void Dispose()
    {
    }

    /// <summary>Delivers a datagram on <paramref name="socket"/> after <paramref name="delay"/>, stamped at delivery time.</summary>
    public void DeliverDatagram(TimeSpan delay, NetworkSocketId socket, NetworkEndpoint remote, byte[] payload, TimestampSource stampSource = TimestampSource.Kernel) =>
        At(delay, () => Enqueue(socket, sink =>
        {
            var rx = new PacketTimestamp(ReadClock(), stampSource, TimeInterval.Zero);
            sink.OnDatagram(new NetworkDatagram(socket, remote, default, 1, payload, rx));
        }));

    /// <summary>Delivers a TX stamp for <paramref name="txId"/> after <paramref name="delay"/> (the stamp's own time is given).</summary>
    public void DeliverTxStamp(TimeSpan delay, NetworkSocketId socket, uint txId, PacketTimestamp stamp) =>
        At(delay, () => Enqueue(socket, sink => sink.OnTxStamp(socket, txId, stamp)));

    public void DeliverError(TimeSpan delay, NetworkSocketId socket, int errno, NetworkEndpoint offender) =>
        At(delay, () => Enqueue(socket, sink => sink.OnSocketError(socket, errno, offender)));

    private void At(TimeSpan delay, Action action)
    {
        if (delay <= TimeSpan.Zero)
        {
            action();
        }
        else
        {
            _scheduler.ScheduleOnce(delay, action);
        }
    }

    private void Enqueue(NetworkSocketId socket, Action<INetworkEventSink> deliver)
    {
        lock (_gate)
        {
            _events.Enqueue(sink =>
            {
                lock (_gate)
                {
                    if (!_open.ContainsKey(socket.Value))
                    {
                        DroppedForClosedSocket++;
                        return false;
                    }
                }

                deliver(sink);
                return true;
            });
        }

        EventsReady?.Invoke();
    }
}
