using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Server;
using TimeActors.Service.Sources;
using TimeActors.Service.Status;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Sources;

/// <summary>
/// The fixed acquisition port on real loopback: two of our source actors share one kernel socket
/// and poll two of our server actors (same address, different ports); both get kernel-stamped samples.
/// </summary>
public sealed class LoopbackSharedSocketTests : TestKit
{
    private readonly LinuxNetworkPort _port = new(new LinuxNetworkPortOptions { Name = "lo" });
    private readonly InterfaceSockets _sockets;

    public LoopbackSharedSocketTests()
    {
        // Port 0: the kernel picks the acquisition port once, so parallel test runs cannot collide.
        _sockets = new InterfaceSockets(_port, new ClientSocketOptions { AcquisitionPort = 0 });
        Sys.ActorOf(InterfaceActor.Props(_sockets), "lo");
    }

    [Fact]
    public void Two_sources_on_one_socket_get_samples_from_two_servers()
    {
        var servers = new[] { StartServer(), StartServer() };
        var endpoints = servers.Select(s =>
        {
            s.Tell(GetServerEndpoint.Instance, TestActor);
            return ExpectMsg<NetworkEndpoint>();
        }).ToList();
        Assert.NotEqual(endpoints[0], endpoints[1]);

        // A synchronised tracking (after the servers subscribed: the event stream keeps no history).
        Sys.EventStream.Publish(new TrackingUpdated(
            TrackingReport.Unsynchronized("observe"),
            new ServerTrackingState(LeapIndicator.NoWarning, 1, -23, TimeInterval.Zero, TimeInterval.FromMicroseconds(10), 0x47505300, _port.ReadClock())));

        var clocks = new[] { CreateTestProbe("clock-1"), CreateTestProbe("clock-2") };
        var sources = Enumerable.Range(0, 2).Select(i => Sys.ActorOf(SourceActor.Props(
            new SourceOptions
            {
                SourceId = i + 1,
                Name = $"local{i + 1}",
                Address = endpoints[i],
                Exchange = new ClientExchangeOptions { MinPoll = -4, MaxPoll = -4, InitialDelay = TimeInterval.FromMilliseconds(10) },
            },
            _sockets,
            clocks[i]))).ToList();

        const int wanted = 6;
        for (int i = 0; i < 2; i++)
        {
            int samples = 0;
            while (samples < wanted)
            {
                var update = clocks[i].ExpectMsg<SourceUpdate>(TimeSpan.FromSeconds(5));
                Assert.Equal(i + 1, update.SourceId);
                if (update.NewSample is { } s)
                {
                    samples++;
                    Assert.Equal(TimestampSource.Kernel, s.RxSource);
                    Assert.True(s.Offset.Abs() < TimeInterval.FromMilliseconds(50), $"offset {s.Offset}");
                }
            }
        }

        // One client socket (the shared one) in the port; the servers read their own sockets, outside the port.
        Assert.Equal(1, _port.OpenSocketCount);
        var local = _sockets.SharedClientEndpoint(ipv4: true);
        Assert.NotNull(local);
        Assert.NotEqual(0, local.Value.Port);

        // Each server saw requests from that one port only: it answered both clients from it.
        for (int i = 0; i < 2; i++)
        {
            servers[i].Tell(GetServerReport.Instance, TestActor);
            Assert.True(ExpectMsg<ServerReport>().Answered >= wanted);
            sources[i].Tell(GetSourceReport.Instance, TestActor);
            var report = ExpectMsg<SourceReport>();
            Assert.True(report.TxStamps.Kernel > 0, "kernel TX stamps reach the source through the shared socket");
        }

        Assert.Equal(1, _sockets.SharedSocketsOpened);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _port.Dispose();
        }
    }

    private IActorRef StartServer() => Sys.ActorOf(ServerActor.Props(
        new ServerOptions { Listen = NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), Access = [AccessRule.AllowAll], RateLimit = null },
        _sockets));
}
