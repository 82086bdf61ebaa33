using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Service.Status;
using TimeActors.Service.Tests.Network;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Sources;

/// <summary>
/// Client socket policies against a scripted port in virtual time: sources sharing one fixed
/// acquisition socket (routing by server address and TX id, a source's close only detaching), and
/// sends failing as they do while an interface is down (polling goes on, sockets come back).
/// </summary>
public sealed class SharedClientSocketTests : TestKit
{
    private const ushort AcquisitionPort = 1123;
    private const int NetworkUnreachable = 101;
    private const int NetworkDown = 100;
    private static readonly TimeSpan ResponseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan FirstRequest = TimeSpan.FromMilliseconds(200);

    public SharedClientSocketTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void Two_sources_share_one_socket_and_each_gets_its_own_responses_and_TX_stamps()
    {
        // Hardware TX stamps 0.5 ms after each send: a source whose stamps went to the other source
        // (which drops them: wrong TX id) would be left with daemon T1s.
        var (port, sockets) = Interface(hardware: true, new ClientSocketOptions { AcquisitionPort = AcquisitionPort });
        var server = new FakeNtpServer(port, _ => new ScriptedExchange(ResponseDelay, HardwareTxLatency: TimeSpan.FromMicroseconds(500)));
        var clockA = CreateTestProbe("clock-a");
        var clockB = CreateTestProbe("clock-b");
        var a = Start(sockets, 1, clockA);
        var b = Start(sockets, 2, clockB);

        Advance(FirstRequest + (Poll * 9) + TimeSpan.FromMilliseconds(100));

        Assert.Equal(20, server.Requests);
        foreach (var (probe, id) in new[] { (clockA, 1), (clockB, 2) })
        {
            var samples = HardwarePathTests.Drain(probe).OfType<SourceUpdate>().Where(u => u.NewSample is not null).ToList();
            Assert.Equal(10, samples.Count);
            Assert.All(samples, u =>
            {
                Assert.Equal(id, u.SourceId);
                Assert.Equal(TimestampSource.Hardware, u.NewSample!.Value.TxSource);
                Assert.True(u.NewSample!.Value.Offset.Abs() <= TimeInterval.FromMicroseconds(2), $"offset {u.NewSample!.Value.Offset}");
            });
        }

        // One socket for both, never closed; every request left it for the right server.
        Assert.Equal(1, port.OpenedSockets);
        Assert.Equal(0, port.ClosedSockets);
        Assert.Single(port.Sent.Select(s => s.Socket).Distinct());
        Assert.Equal(
            [Server(1), Server(2)],
            port.Sent.Select(s => s.Destination).Distinct().OrderBy(e => e.Address.Value).ToList());
        Assert.Equal(NetworkEndpoint.FromBytes([0, 0, 0, 0], AcquisitionPort), sockets.SharedClientEndpoint(ipv4: true));

        // Stopping a source detaches it; the other keeps the socket.
        Watch(a);
        Sys.Stop(a);
        ExpectTerminated(a);
        Advance(Poll * 2);
        Assert.Equal(0, port.ClosedSockets);
        Assert.Equal(1, port.OpenSocketCount);
        Assert.Equal(22, server.Requests);
        Assert.Equal(2, HardwarePathTests.Drain(clockB).OfType<SourceUpdate>().Count(u => u.NewSample is { TxSource: TimestampSource.Hardware }));
    }

    [Fact]
    public void A_datagram_from_an_address_no_source_polls_is_not_delivered()
    {
        var (port, sockets) = Interface(hardware: false, new ClientSocketOptions { AcquisitionPort = 0 });
        var server = new FakeNtpServer(port, _ => new ScriptedExchange(ResponseDelay));
        var clock = CreateTestProbe("clock");
        var source = Start(sockets, 1, clock);
        Advance(FirstRequest + TimeSpan.FromMilliseconds(1));
        var socket = Assert.Single(port.Sent).Socket;

        // A copy of a real response, but from another host and from another port of the server.
        var response = new byte[48];
        port.DeliverDatagram(TimeSpan.FromMilliseconds(1), socket, NetworkEndpoint.FromBytes([10, 200, 0, 9], 123), response);
        port.DeliverDatagram(TimeSpan.FromMilliseconds(1), socket, Server(1) with { Port = 124 }, response);
        Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(2, sockets.Counters.Unrouted);
        source.Tell(GetSourceReport.Instance, TestActor);
        Assert.Equal(1, ExpectMsg<SourceReport>().Samples); // the real answer only
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public void Socket_errors_on_the_shared_socket_reach_the_sources_they_concern()
    {
        var (port, sockets) = Interface(hardware: false, new ClientSocketOptions { AcquisitionPort = AcquisitionPort });
        _ = new FakeNtpServer(port, _ => new ScriptedExchange(null)); // silent: both stay attached
        var a = Start(sockets, 1, CreateTestProbe("clock-a"));
        var b = Start(sockets, 2, CreateTestProbe("clock-b"));
        Advance(FirstRequest + TimeSpan.FromMilliseconds(1));
        var socket = port.Sent.Select(s => s.Socket).Distinct().Single();

        // Port unreachable from server 1's host: source 1 only. A pending error without an offender: both.
        port.DeliverError(TimeSpan.Zero, socket, 111, Server(1) with { Port = 0 });
        port.DeliverError(TimeSpan.Zero, socket, 111, default);
        Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(new SourceErrorCounts(0, 0, 2), Errors(a));
        Assert.Equal(new SourceErrorCounts(0, 0, 1), Errors(b));
        Assert.Equal(1, sockets.SharedSocketsOpened);

        // The device went away: the socket is retired and the next request opens a fresh one on the same port.
        port.DeliverError(TimeSpan.Zero, socket, NetworkDown, default);
        Advance(Poll);
        Assert.Equal(2, sockets.SharedSocketsOpened);
        Assert.Equal(1, port.ClosedSockets);
        Assert.Equal(1, port.OpenSocketCount);
        Assert.Equal(2, port.Sent.Select(s => s.Socket).Distinct().Count());
        Assert.Equal(NetworkEndpoint.FromBytes([0, 0, 0, 0], AcquisitionPort), sockets.SharedClientEndpoint(ipv4: true));
    }

    [Theory]
    [InlineData(false, NetworkUnreachable)]
    [InlineData(true, NetworkUnreachable)]
    [InlineData(true, NetworkDown)]
    public void Sends_failing_while_the_network_is_gone_lose_reach_then_the_source_recovers_by_itself(bool shared, int errno)
    {
        var (port, sockets) = Interface(hardware: false, shared ? new ClientSocketOptions { AcquisitionPort = AcquisitionPort } : ClientSocketOptions.PerRequest);
        var server = new FakeNtpServer(port, _ => new ScriptedExchange(ResponseDelay));
        bool down = false;
        port.SendErrno = _ => Volatile.Read(ref down) ? errno : 0;
        var clock = CreateTestProbe("clock");
        var source = Start(sockets, 1, clock);
        Watch(source);

        Advance(FirstRequest + (Poll * 3) + TimeSpan.FromMilliseconds(100)); // 4 answered requests
        Volatile.Write(ref down, true);
        Advance(Poll * 8); // 8 failed sends shift every answer out of the register
        source.Tell(GetSourceReport.Instance, TestActor);
        var during = ExpectMsg<SourceReport>();
        Assert.Equal(0, during.Reach);
        Assert.Equal(SourceSelectionState.Unreachable, during.State);
        Assert.False(HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Last().Reachable);

        Volatile.Write(ref down, false);
        Advance(Poll * 4);

        source.Tell(GetSourceReport.Instance, TestActor);
        var after = ExpectMsg<SourceReport>();
        Assert.Equal(8, after.Samples);
        Assert.Equal(0x0F, after.Reach);
        Assert.True(HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Last().Reachable);
        Assert.Equal(8, server.Requests);

        // The same actor all along (no restart), with the failures counted.
        source.Tell(GetSourceErrors.Instance, TestActor);
        Assert.Equal(new SourceErrorCounts(0, 8, 0), ExpectMsg<SourceErrorCounts>());
        ExpectNoMsg(TimeSpan.Zero);

        if (!shared)
        {
            Assert.Equal(0, port.OpenSocketCount); // every failed request's socket was closed
        }
        else if (errno == NetworkDown)
        {
            // Each failed send retired the broken shared socket; the next request opened a new one on the same port.
            Assert.Equal(9, sockets.SharedSocketsOpened);
            Assert.Equal(1, port.OpenSocketCount);
            Assert.Equal(NetworkEndpoint.FromBytes([0, 0, 0, 0], AcquisitionPort), sockets.SharedClientEndpoint(ipv4: true));
        }
        else
        {
            // No route is not the socket's fault: it stays, and only the source detached and re-attached.
            Assert.Equal(1, sockets.SharedSocketsOpened);
            Assert.Equal(1, port.OpenSocketCount);
        }
    }

    private SourceErrorCounts Errors(IActorRef source)
    {
        source.Tell(GetSourceErrors.Instance, TestActor);
        return ExpectMsg<SourceErrorCounts>();
    }

    private static NetworkEndpoint Server(int id) => NetworkEndpoint.FromBytes([10, 200, 0, (byte)id], 123);

    private (ScriptedNetworkPort Port, InterfaceSockets Sockets) Interface(bool hardware, ClientSocketOptions clientSockets)
    {
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: hardware);
        var sockets = new InterfaceSockets(port, clientSockets);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        return (port, sockets);
    }

    private IActorRef Start(InterfaceSockets sockets, int id, IActorRef clock)
    {
        var options = new SourceOptions
        {
            SourceId = id,
            Name = $"server{id}",
            Address = Server(id),
            Exchange = new ClientExchangeOptions { MinPoll = 2, MaxPoll = 2 },
        };
        return Sys.ActorOf(SourceActor.Props(options, sockets, clock, new SequenceRandom((ulong)id)), $"source-{id}");
    }
}
