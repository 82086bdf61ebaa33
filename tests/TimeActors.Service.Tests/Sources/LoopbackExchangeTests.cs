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
/// End to end in one process: our source actor polls our server actor over 127.0.0.1 through the
/// Linux adapter and one interface actor, with real kernel stamps; a probe stands in for the clock actor.
/// </summary>
public sealed class LoopbackExchangeTests : TestKit
{
    private readonly LinuxNetworkPort _port = new(new LinuxNetworkPortOptions { Name = "lo" });
    private readonly InterfaceSockets _sockets;

    public LoopbackExchangeTests()
    {
        _sockets = new InterfaceSockets(_port);
        Sys.ActorOf(InterfaceActor.Props(_sockets), "lo");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Our_source_gets_kernel_stamped_samples_from_our_server(bool xleave)
    {
        var server = Sys.ActorOf(ServerActor.Props(
            new ServerOptions { Listen = NetworkEndpoint.FromBytes([127, 0, 0, 1], 0), Access = [AccessRule.AllowAll], RateLimit = null },
            _sockets));
        server.Tell(GetServerEndpoint.Instance, TestActor);
        var endpoint = ExpectMsg<NetworkEndpoint>();

        // A synchronised server (an unsynchronised one fails the client's test 6 and gives no samples).
        Sys.EventStream.Publish(new TrackingUpdated(
            TrackingReport.Unsynchronized("observe"),
            new ServerTrackingState(LeapIndicator.NoWarning, 1, -23, TimeInterval.Zero, TimeInterval.FromMicroseconds(10), 0x47505300, ScriptedNow())));

        var clock = CreateTestProbe("clock");
        var options = new SourceOptions
        {
            SourceId = 7,
            Name = "localhost",
            Address = endpoint,
            Exchange = new ClientExchangeOptions { MinPoll = -4, MaxPoll = -4, Interleaved = xleave, InitialDelay = TimeInterval.FromMilliseconds(10) },
        };
        var source = Sys.ActorOf(SourceActor.Props(options, _sockets, clock));

        const int wanted = 8;
        var samples = new List<SourceUpdate>();
        while (samples.Count < wanted)
        {
            var update = clock.ExpectMsg<SourceUpdate>(TimeSpan.FromSeconds(5));
            if (update.NewSample is not null)
            {
                samples.Add(update);
            }
        }

        foreach (var update in samples)
        {
            var s = update.NewSample!.Value;

            // Both ends read the same clock, so the offset is pure measurement error. A basic response's
            // T3 is the server's clock read before it sends; a busy machine (or the JIT on the first
            // request) can delay the send by milliseconds, so single samples get a loose bound.
            Assert.True(s.Offset.Abs() < TimeInterval.FromMilliseconds(50), $"offset {s.Offset}");
            Assert.True(s.Delay < TimeInterval.FromMilliseconds(100), $"delay {s.Delay}");
            Assert.Equal(TimestampSource.Kernel, s.RxSource);
            Assert.Equal(1, s.Stratum);
        }

        var offsets = samples.Select(u => u.NewSample!.Value.Offset.Abs()).Order().ToList();
        Assert.True(offsets[offsets.Count / 2] < TimeInterval.FromMilliseconds(1), $"median |offset| {offsets[offsets.Count / 2]}");
        var delays = samples.Select(u => u.NewSample!.Value.Delay).Order().ToList();
        Assert.True(delays[delays.Count / 2] < TimeInterval.FromMilliseconds(2), $"median delay {delays[delays.Count / 2]}");

        // The client socket stamps every request; the stamp arrives before the response on loopback
        // (nearly always), so most samples use a kernel T1.
        Assert.True(samples.Count(u => u.NewSample!.Value.TxSource == TimestampSource.Kernel) >= wanted / 2);
        if (xleave)
        {
            Assert.Contains(samples, u => u.NewSample!.Value.Interleaved);
        }
        else
        {
            Assert.DoesNotContain(samples, u => u.NewSample!.Value.Interleaved);
        }

        Assert.All(samples, u => Assert.Equal(u.NewSample!.Value.Interleaved, u.Report.Interleaved));

        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        Assert.True(report.RxStamps.Kernel >= wanted);
        Assert.Equal(0, report.RxStamps.Daemon);
        Assert.True(report.Reach != 0);

        server.Tell(GetServerReport.Instance, TestActor);
        var serverReport = ExpectMsg<ServerReport>();
        Assert.True(serverReport.Answered >= wanted);
        Assert.Equal(serverReport.Received, serverReport.RxStamps.Kernel);
        Assert.Equal(xleave, serverReport.Interleaved > 0);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _port.Dispose();
        }
    }

    private SystemTime ScriptedNow() => _port.ReadClock();
}
