using System.Collections.Concurrent;
using TimeActors.Actors;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Network;

/// <summary>
/// The sockets of one interface and who owns each: the face of an <see cref="InterfaceActor"/> that
/// source and server actors call directly. Opening registers the owner under a fresh id before the
/// port creates the socket, so the interface actor can route even the first datagram; sending is a
/// direct call because the exchange needs the TX id and daemon time of the send at once, not one
/// mailbox round-trip later. Thread-safe.
/// </summary>
public sealed class InterfaceSockets
{
    private static long s_nextId;

    private readonly ConcurrentDictionary<long, IActorRef> _owners = new();
    private long _datagrams;
    private long _txStamps;
    private long _errors;
    private long _unrouted;

    public InterfaceSockets(INetworkPort port)
    {
        ArgumentNullException.ThrowIfNull(port);
        Port = port;
    }

    public INetworkPort Port { get; }

    public string Name => Port.Name;

    public bool HardwareTimestamping => Port.HardwareTimestamping;

    public int OpenSockets => _owners.Count;

    public InterfaceCounters Counters => new(
        Interlocked.Read(ref _datagrams),
        Interlocked.Read(ref _txStamps),
        Interlocked.Read(ref _errors),
        Interlocked.Read(ref _unrouted));

    public SystemTime ReadClock() => Port.ReadClock();

    /// <summary>Opens a connected client socket from a random local port; its events go to <paramref name="owner"/>.</summary>
    public NetworkSocketId OpenClient(NetworkEndpoint remote, IActorRef owner)
    {
        var id = Register(owner);
        try
        {
            Port.OpenClient(id, remote);
            return id;
        }
        catch
        {
            _owners.TryRemove(id.Value, out _);
            throw;
        }
    }

    /// <summary>Opens a bound server socket; returns its id and the bound endpoint (port 0 picks one).</summary>
    public (NetworkSocketId Id, NetworkEndpoint Bound) OpenServer(NetworkEndpoint local, bool reusePort, IActorRef owner)
    {
        var id = Register(owner);
        try
        {
            return (id, Port.OpenServer(id, local, reusePort));
        }
        catch
        {
            _owners.TryRemove(id.Value, out _);
            throw;
        }
    }

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null) =>
        Port.Send(id, payload, requestTxStamp, destination);

    public void Close(NetworkSocketId id)
    {
        Port.Close(id);
        _owners.TryRemove(id.Value, out _);
    }

    /// <summary>Interrupts a blocking poll (so a stop of the interface actor is seen at once).</summary>
    public void Wake() => Port.Wake();

    internal bool TryRoute(NetworkSocketId id, out IActorRef owner, EventKind kind)
    {
        switch (kind)
        {
            case EventKind.Datagram:
                Interlocked.Increment(ref _datagrams);
                break;
            case EventKind.TxStamp:
                Interlocked.Increment(ref _txStamps);
                break;
            default:
                Interlocked.Increment(ref _errors);
                break;
        }

        if (_owners.TryGetValue(id.Value, out owner!))
        {
            return true;
        }

        Interlocked.Increment(ref _unrouted);
        return false;
    }

    private NetworkSocketId Register(IActorRef owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var id = new NetworkSocketId(Interlocked.Increment(ref s_nextId));
        _owners[id.Value] = owner;
        return id;
    }

    internal enum EventKind
    {
        Datagram,
        TxStamp,
        Error,
    }
}
