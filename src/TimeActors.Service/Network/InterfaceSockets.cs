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
/// <para>
/// With a fixed acquisition port (<see cref="ClientSocketOptions.AcquisitionPort"/>) the sources
/// attach to one shared socket per address family instead of opening their own: attaching registers
/// the source under its server's address, detaching (a source's "close") only removes that entry,
/// and the socket lives until the interface is disposed or its local end breaks (then the next
/// attach opens a fresh one on the same port).
/// </para>
/// </summary>
public sealed class InterfaceSockets
{
    private static long s_nextId;

    private readonly ConcurrentDictionary<long, IActorRef> _owners = new();
    private readonly ConcurrentDictionary<long, SharedClientSocket> _shared = new();
    private readonly object _sharedGate = new();
    private SharedClientSocket? _sharedV4;
    private SharedClientSocket? _sharedV6;
    private long _datagrams;
    private long _txStamps;
    private long _errors;
    private long _unrouted;

    public InterfaceSockets(INetworkPort port, ClientSocketOptions? clientSockets = null)
    {
        ArgumentNullException.ThrowIfNull(port);
        Port = port;
        ClientSockets = clientSockets ?? ClientSocketOptions.PerRequest;
    }

    public INetworkPort Port { get; }

    /// <summary>Per-request client sockets, or one shared socket per family on a fixed port.</summary>
    public ClientSocketOptions ClientSockets { get; }

    /// <summary>Shared acquisition sockets opened so far, replacements after a broken local end included.</summary>
    public int SharedSocketsOpened { get; private set; }

    public string Name => Port.Name;

    public bool HardwareTimestamping => Port.HardwareTimestamping;

    public int OpenSockets => _owners.Count + _shared.Count;

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

    /// <summary>
    /// Attaches <paramref name="owner"/> to the shared acquisition socket of <paramref name="remote"/>'s
    /// family, opening it first if there is none (yet, or any more): datagrams from
    /// <paramref name="remote"/> go to the owner from now until <see cref="DetachClient"/>.
    /// </summary>
    public NetworkSocketId AttachClient(NetworkEndpoint remote, IActorRef owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (ClientSockets.AcquisitionPort is not { } port)
        {
            throw new InvalidOperationException($"Interface {Name} uses per-request client sockets.");
        }

        lock (_sharedGate)
        {
            ref SharedClientSocket? current = ref remote.IsIPv4 ? ref _sharedV4 : ref _sharedV6;
            if (current is null)
            {
                var id = new NetworkSocketId(Interlocked.Increment(ref s_nextId));
                var shared = new SharedClientSocket(id, remote.IsIPv4);
                _shared[id.Value] = shared;
                try
                {
                    var any = remote.IsIPv4 ? NetworkEndpoint.FromBytes([0, 0, 0, 0], port) : NetworkEndpoint.FromBytes(new byte[16], port);
                    shared.Local = Port.OpenServer(id, any, reusePort: false);
                }
                catch
                {
                    _shared.TryRemove(id.Value, out _);
                    throw;
                }

                SharedSocketsOpened++;
                current = shared;
            }

            current.Attach(remote, owner);
            return current.Id;
        }
    }

    /// <summary>A source's "close" on a shared socket: it stops receiving from <paramref name="remote"/>; the socket stays.</summary>
    public void DetachClient(NetworkSocketId id, NetworkEndpoint remote, IActorRef owner)
    {
        if (_shared.TryGetValue(id.Value, out var shared))
        {
            shared.Detach(remote, owner);
        }
    }

    /// <summary>The local end point of the current shared socket of a family, if open (for reports and tests).</summary>
    public NetworkEndpoint? SharedClientEndpoint(bool ipv4)
    {
        lock (_sharedGate)
        {
            return (ipv4 ? _sharedV4 : _sharedV6)?.Local;
        }
    }

    /// <summary>
    /// Sends a request on a shared socket to <paramref name="remote"/> and records the TX id for
    /// <paramref name="owner"/>, so the stamp is routed to it. A failure that says the local end is
    /// gone (device or address) retires the socket; the next attach opens a fresh one.
    /// </summary>
    public NetworkSendReceipt SendClient(NetworkSocketId id, ReadOnlySpan<byte> payload, NetworkEndpoint remote, IActorRef owner)
    {
        if (!_shared.TryGetValue(id.Value, out var shared))
        {
            return new NetworkSendReceipt(false, false, 0, Port.ReadClock(), NetworkErrors.BadDescriptor);
        }

        NetworkSendReceipt receipt;
        lock (shared.SendGate)
        {
            receipt = Port.Send(id, payload, requestTxStamp: true, remote);
            if (receipt.Sent && receipt.TxStampRequested)
            {
                shared.RecordSend(receipt.TxId, owner);
            }
        }

        if (!receipt.Sent && NetworkErrors.IsLocalEndGone(receipt.Errno))
        {
            RetireShared(shared);
        }

        return receipt;
    }

    /// <summary>
    /// Closes a shared socket whose local end broke (its device or address went away) so that the
    /// next attach reopens it; the sources attached to it find out at their next send.
    /// </summary>
    public void RetireShared(NetworkSocketId id)
    {
        if (_shared.TryGetValue(id.Value, out var shared))
        {
            RetireShared(shared);
        }
    }

    public NetworkSendReceipt Send(NetworkSocketId id, ReadOnlySpan<byte> payload, bool requestTxStamp, NetworkEndpoint? destination = null) =>
        Port.Send(id, payload, requestTxStamp, destination);

    public void Close(NetworkSocketId id)
    {
        if (_shared.ContainsKey(id.Value))
        {
            throw new InvalidOperationException($"{id} is a shared acquisition socket: detach from it instead of closing it.");
        }

        Port.Close(id);
        _owners.TryRemove(id.Value, out _);
    }

    /// <summary>Interrupts a blocking poll (so a stop of the interface actor is seen at once).</summary>
    public void Wake() => Port.Wake();

    /// <summary>A datagram's owner: the socket's, or on a shared socket the source attached for the sender's address.</summary>
    internal bool TryRouteDatagram(NetworkSocketId id, NetworkEndpoint remote, out IActorRef owner)
    {
        if (_shared.TryGetValue(id.Value, out var shared))
        {
            Interlocked.Increment(ref _datagrams);
            return Routed(shared.TryRouteDatagram(remote, out owner));
        }

        return TryRoute(id, out owner, EventKind.Datagram);
    }

    /// <summary>
    /// A TX stamp's owner: the socket's, or on a shared socket the source whose send got that TX id.
    /// <paramref name="others"/> is set (rarely) when the stamp overtook the record of its send: every
    /// attached source then gets it and the one with that TX id keeps it.
    /// </summary>
    internal bool TryRouteTxStamp(NetworkSocketId id, uint txId, out IActorRef owner, out List<IActorRef>? others)
    {
        others = null;
        if (_shared.TryGetValue(id.Value, out var shared))
        {
            Interlocked.Increment(ref _txStamps);
            if (shared.TryRouteTxStamp(txId, out owner))
            {
                return true;
            }

            others = shared.AllOwners();
            return Routed(others.Count > 0);
        }

        return TryRoute(id, out owner, EventKind.TxStamp);
    }

    /// <summary>
    /// Who gets a socket error: the socket's owner, or on a shared socket the sources it concerns
    /// (<paramref name="shared"/>, allocated: errors on shared sockets are rare).
    /// </summary>
    internal bool TryRouteError(NetworkSocketId id, NetworkEndpoint offender, out IActorRef owner, out List<IActorRef>? shared)
    {
        shared = null;
        if (_shared.TryGetValue(id.Value, out var socket))
        {
            Interlocked.Increment(ref _errors);
            shared = socket.OwnersForError(offender);
            owner = null!;
            return Routed(shared.Count > 0);
        }

        return TryRoute(id, out owner, EventKind.Error);
    }

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

    private bool Routed(bool routed)
    {
        if (!routed)
        {
            Interlocked.Increment(ref _unrouted);
        }

        return routed;
    }

    private void RetireShared(SharedClientSocket shared)
    {
        lock (_sharedGate)
        {
            if (ReferenceEquals(_sharedV4, shared))
            {
                _sharedV4 = null;
            }
            else if (ReferenceEquals(_sharedV6, shared))
            {
                _sharedV6 = null;
            }
            else
            {
                return; // already retired
            }
        }

        Port.Close(shared.Id);
        _shared.TryRemove(shared.Id.Value, out _);
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
