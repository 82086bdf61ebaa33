using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Network;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Network;

/// <summary>
/// The Linux adapter under the interface actor, on loopback with real kernel stamps: the actor blocks
/// in epoll on its own thread while the test thread sends, so every delivery here is a wake-up from
/// another thread (including the error-queue TX stamp, ARCHITECTURE.md §5).
/// </summary>
public sealed class LinuxInterfaceTests : TestKit
{
    private readonly LinuxNetworkPort _port = new(new LinuxNetworkPortOptions { Name = "lo" });
    private readonly InterfaceSockets _sockets;
    private readonly IActorRef _interface;

    public LinuxInterfaceTests()
    {
        _sockets = new InterfaceSockets(_port);
        _interface = Sys.ActorOf(InterfaceActor.Props(_sockets), "lo");
    }

    [Fact]
    public void Datagrams_and_kernel_tx_stamps_reach_their_owners_with_kernel_stamps()
    {
        var serverOwner = CreateTestProbe("server");
        var clientOwner = CreateTestProbe("client");
        var (serverSocket, bound) = _sockets.OpenServer(NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), reusePort: false, serverOwner);
        Assert.NotEqual(0, bound.Port);
        NetworkSocketId clientSocket = _sockets.OpenClient(bound, clientOwner);

        NetworkSendReceipt receipt = _sockets.Send(clientSocket, [0xAB, 0xCD], requestTxStamp: true);
        Assert.True(receipt.Sent);
        Assert.True(receipt.TxStampRequested);

        var request = serverOwner.ExpectMsg<RxPacket>();
        Assert.Equal(serverSocket, request.Socket);
        Assert.Equal([0xAB, 0xCD], request.Payload);
        Assert.Equal(TimestampSource.Kernel, request.RxStamp.Source);
        Assert.True(request.RxStamp.Time >= receipt.DaemonTime, "RX stamp after the send started");
        Assert.Equal(bound, request.Local);
        Assert.True(request.InterfaceIndex > 0);

        var tx = clientOwner.ExpectMsg<TxStamp>();
        Assert.Equal(clientSocket, tx.Socket);
        Assert.Equal(receipt.TxId, tx.TxId);
        Assert.Equal(TimestampSource.Kernel, tx.Stamp.Source);
        TimeInterval txAfterDaemon = tx.Stamp.Time - receipt.DaemonTime;
        Assert.True(txAfterDaemon >= TimeInterval.Zero && txAfterDaemon <= request.RxStamp.Time - receipt.DaemonTime, $"TX stamp {txAfterDaemon} after the daemon time, before the RX stamp");

        // The server answers to the sender's address; a server socket is stamped only when asked.
        NetworkSendReceipt reply = _sockets.Send(serverSocket, [0x01], requestTxStamp: false, request.Remote);
        Assert.True(reply.Sent);
        Assert.False(reply.TxStampRequested);
        var answer = clientOwner.ExpectMsg<RxPacket>();
        Assert.Equal([0x01], answer.Payload);
        Assert.Equal(bound, answer.Remote);
        serverOwner.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        _sockets.Close(clientSocket);
        _sockets.Close(serverSocket);
        Assert.Equal(0, _port.OpenSocketCount);
    }

    [Fact]
    public void An_icmp_port_unreachable_reaches_the_owner_as_a_socket_error()
    {
        var owner = CreateTestProbe("owner");

        // A port with nobody listening: bind one, note it, close it.
        var (probeSocket, closedPort) = _sockets.OpenServer(NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), false, owner);
        _sockets.Close(probeSocket);
        NetworkSocketId client = _sockets.OpenClient(closedPort, owner);
        _sockets.Send(client, [1], requestTxStamp: true);

        var error = owner.FishForMessage<SocketError>(_ => true);
        Assert.Equal(client, error.Socket);
        Assert.Equal(111, error.Errno); // ECONNREFUSED
    }

    [Fact]
    public void Stopping_the_interface_actor_and_waking_its_port_ends_a_long_wait_at_once()
    {
        using var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "lo-long" });
        var sockets = new InterfaceSockets(port);
        var slow = Sys.ActorOf(InterfaceActor.Props(sockets, new InterfaceActorOptions { PollTimeout = TimeSpan.FromSeconds(30) }), "lo-long");
        var owner = CreateTestProbe("owner");
        var (socket, bound) = sockets.OpenServer(NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), false, owner);
        NetworkSocketId client = sockets.OpenClient(bound, owner);
        sockets.Send(client, [7], requestTxStamp: false);
        owner.FishForMessage<RxPacket>(_ => true); // the actor is in its poll loop

        Watch(slow);
        Sys.Stop(slow);
        sockets.Wake();
        ExpectTerminated(slow, TimeSpan.FromSeconds(2));
        sockets.Close(client);
        sockets.Close(socket);
    }

    [Fact]
    public void With_hardware_timestamping_on_but_no_hardware_stamps_the_kernel_stamps_are_used()
    {
        // lo accepts the hardware flags but never produces a hardware stamp: the PHC model must not be
        // asked, and the kernel's software stamps stand in.
        var model = new CountingClockModel();
        using var port = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = "lo-hw", HardwareTimestamping = true }, model);
        Assert.True(port.HardwareTimestamping);
        var sockets = new InterfaceSockets(port);
        var actor = Sys.ActorOf(InterfaceActor.Props(sockets), "lo-hw");
        var owner = CreateTestProbe("owner");
        var (server, bound) = sockets.OpenServer(NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), false, owner);
        NetworkSocketId client = sockets.OpenClient(bound, owner);
        NetworkSendReceipt receipt = sockets.Send(client, [5], requestTxStamp: true);

        var messages = new[] { owner.ReceiveOne(), owner.ReceiveOne() };
        Assert.Equal(TimestampSource.Kernel, messages.OfType<RxPacket>().Single().RxStamp.Source);
        var tx = messages.OfType<TxStamp>().Single();
        Assert.Equal(receipt.TxId, tx.TxId);
        Assert.Equal(TimestampSource.Kernel, tx.Stamp.Source);
        Assert.Equal(0, model.Calls);

        Watch(actor);
        Sys.Stop(actor);
        sockets.Wake();
        ExpectTerminated(actor);
        sockets.Close(client);
        sockets.Close(server);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _port.Dispose();
        }
    }

    private sealed class CountingClockModel : IHardwareClockModel
    {
        public int Calls { get; private set; }

        public bool TryConvert(long phcNanoseconds, int layer2Length, bool receive, out PacketTimestamp stamp)
        {
            Calls++;
            stamp = default;
            return false;
        }
    }
}
