using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Network;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network;

/// <summary>The interface actor routes each socket's events to that socket's owner, and nothing else.</summary>
public sealed class InterfaceActorTests : TestKit
{
    private static readonly NetworkEndpoint Peer = NetworkEndpoint.FromBytes([10, 200, 0, 9], 123);

    public InterfaceActorTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void Datagrams_tx_stamps_and_errors_go_to_the_owner_of_their_socket()
    {
        var port = new ScriptedNetworkPort(Sys.Scheduler);
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        var ownerA = CreateTestProbe("a");
        var ownerB = CreateTestProbe("b");
        NetworkSocketId a = sockets.OpenClient(Peer, ownerA);
        NetworkSocketId b = sockets.OpenClient(Peer, ownerB);

        var stamp = new PacketTimestamp(new SystemTime(5_000), TimestampSource.Hardware, TimeInterval.Zero);
        port.DeliverDatagram(TimeSpan.FromMilliseconds(1), a, Peer, [1, 2, 3]);
        port.DeliverTxStamp(TimeSpan.FromMilliseconds(2), b, 77, stamp);
        port.DeliverError(TimeSpan.FromMilliseconds(3), a, 111, Peer);
        Advance(TimeSpan.FromMilliseconds(5));

        var rx = ownerA.ExpectMsg<RxPacket>();
        Assert.Equal(a, rx.Socket);
        Assert.Equal(Peer, rx.Remote);
        Assert.Equal([1, 2, 3], rx.Payload);
        Assert.Equal(ScriptedNetworkPort.ToSystemTime(Sys.Scheduler.Now) - TimeInterval.FromMilliseconds(4), rx.RxStamp.Time);
        Assert.Equal(new SocketError(a, 111, Peer), ownerA.ExpectMsg<SocketError>());
        Assert.Equal(new TxStamp(b, 77, stamp), ownerB.ExpectMsg<TxStamp>());
        ownerA.ExpectNoMsg();
        ownerB.ExpectNoMsg();
        Assert.Equal(new InterfaceCounters(1, 1, 1, 0), sockets.Counters);
    }

    [Fact]
    public void Events_of_a_closed_socket_or_of_a_socket_nobody_owns_reach_no_one()
    {
        var port = new ScriptedNetworkPort(Sys.Scheduler);
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        var owner = CreateTestProbe("owner");
        NetworkSocketId closed = sockets.OpenClient(Peer, owner);
        port.DeliverTxStamp(TimeSpan.FromMilliseconds(2), closed, 1, default);
        sockets.Close(closed);

        var orphan = new NetworkSocketId(-1);
        port.OpenClient(orphan, Peer); // opened behind the router's back: no owner registered
        port.DeliverDatagram(TimeSpan.FromMilliseconds(1), orphan, Peer, [9]);
        Advance(TimeSpan.FromMilliseconds(5));

        owner.ExpectNoMsg();
        Assert.Equal(1, port.DroppedForClosedSocket);
        Assert.Equal(new InterfaceCounters(1, 0, 0, 1), sockets.Counters);
        Assert.Equal(0, sockets.OpenSockets);
    }
}
