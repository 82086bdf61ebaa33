using Microsoft.Extensions.Logging;
using TimeActors.Actors;
using TimeActors.Timing.Ports.Network;

namespace TimeActors.Service.Network;

/// <summary>
/// Reads one interface's sockets and sends each event to the socket's owner: <see cref="RxPacket"/>,
/// <see cref="TxStamp"/>, <see cref="SocketError"/>. Runs on its own thread (pinned dispatcher) and
/// blocks in the port's poll. It polls by sending itself <see cref="PollNetwork"/> after each wait,
/// so stop and other system messages are handled between waits; the wait is bounded by
/// <see cref="InterfaceActorOptions.PollTimeout"/> and <see cref="PostStop"/> wakes the port.
/// A port that cannot block (simulation) instead signals events-ready, and the actor drains it then.
/// </summary>
public sealed class InterfaceActor : ReceiveActor, INetworkEventSink
{
    private readonly InterfaceSockets _sockets;
    private readonly InterfaceActorOptions _options;
    private readonly PhcPolling? _phc;

    public InterfaceActor(InterfaceSockets sockets, InterfaceActorOptions? options = null, PhcPolling? phc = null)
    {
        _sockets = sockets;
        _options = options ?? new InterfaceActorOptions();
        _phc = phc;
        Receive<PollNetwork>(_ => PollOnce());
    }

    /// <summary>
    /// Props on the pinned dispatcher (the actor blocks its thread in epoll). With <paramref name="phc"/>
    /// (hardware timestamping on), the actor owns the interface's PHC model through a
    /// <see cref="PhcPoller"/> child named "phc"; the port must convert with the same model.
    /// </summary>
    public static Props Props(InterfaceSockets sockets, InterfaceActorOptions? options = null, PhcPolling? phc = null) =>
        Actors.Props.Create(() => new InterfaceActor(sockets, options, phc)).WithDispatcher(Dispatchers.PinnedDispatcherId);

    void INetworkEventSink.OnDatagram(in NetworkDatagram datagram)
    {
        if (_sockets.TryRoute(datagram.Socket, out var owner, InterfaceSockets.EventKind.Datagram))
        {
            // The one copy on the receive path: the payload leaves the port's buffer for the owner's mailbox.
            owner.Tell(new RxPacket(datagram.Socket, datagram.Remote, datagram.Local, datagram.InterfaceIndex, datagram.Payload.ToArray(), datagram.RxStamp), Self);
        }
    }

    void INetworkEventSink.OnTxStamp(NetworkSocketId socket, uint txId, Timing.Time.PacketTimestamp stamp)
    {
        if (_sockets.TryRoute(socket, out var owner, InterfaceSockets.EventKind.TxStamp))
        {
            owner.Tell(new TxStamp(socket, txId, stamp), Self);
        }
    }

    void INetworkEventSink.OnSocketError(NetworkSocketId socket, int errno, NetworkEndpoint offender)
    {
        if (_sockets.TryRoute(socket, out var owner, InterfaceSockets.EventKind.Error))
        {
            owner.Tell(new SocketError(socket, errno, offender), Self);
        }
    }

    protected override void PreStart()
    {
        if (_phc is not null)
        {
            // A child on the default dispatcher: PHC reads must not wait behind this actor's epoll waits.
            Context.ActorOf(PhcPoller.Props(_phc), "phc");
        }

        var self = Self;
        if (_sockets.Port.CanBlock)
        {
            self.Tell(PollNetwork.Instance, self);
        }
        else
        {
            _sockets.Port.EventsReady = () => self.Tell(PollNetwork.Instance, self);
            PollOnce();
        }

        Context.System.Log.LogDebug("Interface {Interface} polling ({Mode})", _sockets.Name, _sockets.Port.CanBlock ? "blocking" : "events-ready");
    }

    protected override void PostStop()
    {
        if (!_sockets.Port.CanBlock)
        {
            _sockets.Port.EventsReady = null;
        }

        _sockets.Wake();
    }

    private void PollOnce()
    {
        if (_sockets.Port.CanBlock)
        {
            _sockets.Port.Poll(this, _options.PollTimeout);
            Self.Tell(PollNetwork.Instance, Self);
        }
        else
        {
            _sockets.Port.Poll(this, TimeSpan.Zero);
        }
    }

    /// <summary>The actor's message to itself: wait for and read events once.</summary>
    public sealed record PollNetwork
    {
        public static readonly PollNetwork Instance = new();
    }
}
