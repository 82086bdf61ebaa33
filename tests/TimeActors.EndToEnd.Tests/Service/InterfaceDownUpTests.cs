using System.Net;
using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.EndToEnd.Tests.Harness;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Server;
using TimeActors.Service.Sources;
using TimeActors.Service.Status;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Selection;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.EndToEnd.Tests.Service;

/// <summary>
/// Issue 6, test 5 (interface down and up) with our own actors across a real veth pair: our server
/// actor's sockets live in namespace A, our source actor's in namespace B (both in this process,
/// through ports that create their sockets inside the namespaces). The link goes down, the source
/// loses reach without crashing and counts the failures; the link comes back and samples resume with
/// no actor restarted. Also: a server whose listen address is missing binds once it appears.
/// </summary>
public sealed class InterfaceDownUpTests : TestKit
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly NetworkTestbed _testbed;
    private readonly LinuxNetworkPort _portA;
    private readonly LinuxNetworkPort _portB;
    private readonly InterfaceSockets _socketsA;

    public InterfaceDownUpTests()
    {
        _testbed = NetworkTestbed.Create();
        _portA = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = _testbed.A.Interface, NetworkNamespace = _testbed.A.Namespace });
        _portB = new LinuxNetworkPort(new LinuxNetworkPortOptions { Name = _testbed.B.Interface, NetworkNamespace = _testbed.B.Namespace });
        _socketsA = new InterfaceSockets(_portA);
        Sys.ActorOf(InterfaceActor.Props(_socketsA), "a");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_source_goes_unreachable_while_the_link_is_down_and_recovers_when_it_is_up(bool fixedPort)
    {
        var server = StartServer(_testbed.A.Address);
        var socketsB = StartClientInterface(fixedPort);
        var source = StartSource(socketsB, _testbed.A.Address);

        AwaitAssert(() => Assert.True(Report(source).Samples >= 3), Patience);
        long answeredBefore = Answered(server);

        _testbed.SetLinkDown(_testbed.B);
        AwaitAssert(
            () =>
            {
                var report = Report(source);
                Assert.Equal(0, report.Reach);
                Assert.Equal(SourceSelectionState.Unreachable, report.State);
            },
            Patience);
        var errors = Errors(source);
        Assert.True(errors.OpenFailures + errors.SendFailures >= 8, $"failures counted: {errors}");
        long answeredWhileDown = Answered(server);

        _testbed.SetLinkUp(_testbed.B);
        AwaitAssert(() => Assert.True(Report(source).Reach != 0), Patience);
        AwaitAssert(() => Assert.True(Answered(server) >= answeredWhileDown + 3), Patience);

        // The same actors all along: a restarted source would have zeroed its counts.
        var after = Errors(source);
        Assert.True(after.OpenFailures + after.SendFailures >= errors.OpenFailures + errors.SendFailures);
        Assert.True(answeredWhileDown >= answeredBefore);
        if (fixedPort)
        {
            Assert.Equal(NetworkEndpoint.FromBytes([0, 0, 0, 0], 1123), socketsB.SharedClientEndpoint(ipv4: true));
        }
    }

    [Fact]
    public void A_server_whose_address_is_missing_binds_when_it_appears()
    {
        var late = IPAddress.Parse("10.200.0.77");
        var server = StartServer(late);
        AwaitAssert(() => Assert.True(SocketState(server).OpenFailures >= 2), Patience);
        Assert.False(SocketState(server).Bound);

        var source = StartSource(StartClientInterface(fixedPort: false), late);
        _testbed.AddAddress(_testbed.A, late);
        AwaitAssert(() => Assert.True(SocketState(server).Bound), Patience);
        PublishTracking();
        AwaitAssert(() => Assert.True(Report(source).Samples >= 2), Patience);
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            if (disposing)
            {
                _portA.Dispose();
                _portB.Dispose();
                _testbed.Dispose();
            }
        }
    }

    private IActorRef StartServer(IPAddress address)
    {
        var server = Sys.ActorOf(ServerActor.Props(
            new ServerOptions
            {
                Listen = NetworkEndpoint.FromIPEndPoint(new IPEndPoint(address, 123)),
                Access = [AccessRule.AllowAll],
                RateLimit = null,
                ReopenMinDelay = TimeSpan.FromMilliseconds(50),
                ReopenMaxDelay = TimeSpan.FromMilliseconds(200),
            },
            _socketsA));
        server.Tell(GetServerEndpoint.Instance, TestActor);
        ExpectMsg<NetworkEndpoint>(); // subscribed to tracking by now
        PublishTracking();
        return server;
    }

    private void PublishTracking() => Sys.EventStream.Publish(new TrackingUpdated(
        TrackingReport.Unsynchronized("observe"),
        new ServerTrackingState(LeapIndicator.NoWarning, 1, -23, TimeInterval.Zero, TimeInterval.FromMicroseconds(10), 0x47505300, _portA.ReadClock())));

    private InterfaceSockets StartClientInterface(bool fixedPort)
    {
        var sockets = new InterfaceSockets(_portB, fixedPort ? new ClientSocketOptions { AcquisitionPort = 1123 } : ClientSocketOptions.PerRequest);
        Sys.ActorOf(InterfaceActor.Props(sockets), "b");
        return sockets;
    }

    private IActorRef StartSource(InterfaceSockets sockets, IPAddress server) => Sys.ActorOf(SourceActor.Props(
        new SourceOptions
        {
            SourceId = 1,
            Name = "a",
            Address = NetworkEndpoint.FromIPEndPoint(new IPEndPoint(server, 123)),

            // 1/8 s polls: eight unanswered requests empty the reach register in a second.
            Exchange = new ClientExchangeOptions { MinPoll = -3, MaxPoll = -3, InitialDelay = TimeInterval.FromMilliseconds(10) },
        },
        sockets,
        CreateTestProbe("clock")));

    private SourceReport Report(IActorRef source)
    {
        source.Tell(GetSourceReport.Instance, TestActor);
        return ExpectMsg<SourceReport>();
    }

    private SourceErrorCounts Errors(IActorRef source)
    {
        source.Tell(GetSourceErrors.Instance, TestActor);
        return ExpectMsg<SourceErrorCounts>();
    }

    private long Answered(IActorRef server)
    {
        server.Tell(GetServerReport.Instance, TestActor);
        return ExpectMsg<ServerReport>().Answered;
    }

    private ServerSocketState SocketState(IActorRef server)
    {
        server.Tell(GetServerSocketState.Instance, TestActor);
        return ExpectMsg<ServerSocketState>();
    }
}
