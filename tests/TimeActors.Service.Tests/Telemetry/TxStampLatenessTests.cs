using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Service.Telemetry;
using TimeActors.Service.Tests.Network;
using TimeActors.Service.Tests.Sources;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Telemetry;

/// <summary>
/// The hardware TX stamp lateness histogram, in virtual time: a scripted port delivers each request's
/// hardware stamp at a known latency after the send; every stamp that reaches the source actor is
/// recorded once, in the bucket its latency belongs to.
/// </summary>
public sealed class TxStampLatenessTests : TestKit
{
    private static readonly TimeSpan ResponseDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan HwTsTimeout = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(4);

    public TxStampLatenessTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void Each_hardware_stamp_reaching_the_source_is_recorded_in_the_bucket_of_its_latency()
    {
        // Stamps later than the response plus hwts-timeout (3 ms) find the socket closed and never reach the source.
        TimeSpan?[] latencies = [Ms(0.1), Ms(0.5), Ms(1.5), Ms(2.5), null, Ms(0.03), Ms(2.9), Ms(40), Ms(0.7)];
        var name = "lateness-" + Guid.NewGuid().ToString("N");
        using var collector = new MetricsCollector(i => ReferenceEquals(i.Meter, SourceTelemetry.EventMeter));

        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, latencies[i]));
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        var options = new SourceOptions
        {
            SourceId = 1,
            Name = name,
            Address = NetworkEndpoint.FromBytes([10, 200, 0, 1], 123),
            Exchange = new ClientExchangeOptions
            {
                MinPoll = 2,
                MaxPoll = 2,
                SavedResponseTimeout = TimeInterval.FromMilliseconds(HwTsTimeout.TotalMilliseconds),
            },
        };
        Sys.ActorOf(SourceActor.Props(options, sockets, CreateTestProbe("clock"), new SequenceRandom()), "source-1");

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * (latencies.Length - 1)) + TimeSpan.FromMilliseconds(500));
        Assert.Equal(latencies.Length, server.Requests);

        var family = Assert.Single(collector.Collect(), f => f.Name == "timeactors_source_hw_tx_stamp_lateness_seconds");
        var series = Assert.Single(family.Series, s => s.Labels.Contains(new("source", name)));
        Assert.Contains(new KeyValuePair<string, string>("address", "10.200.0.1"), series.Labels);
        var h = series.Histogram!;

        // The fake server stamps the send 1 µs after it happened, so the lateness is the latency less 1 µs.
        var arrived = latencies.OfType<TimeSpan>().Where(l => l < ResponseDelay + HwTsTimeout).Select(l => l.TotalSeconds - 1e-6).ToList();
        Assert.Equal(arrived.Count, h.Count);
        Assert.Equal(arrived.Sum(), h.Sum, 9);
        var expected = new long[SourceTelemetry.LatenessBuckets.Count + 1];
        foreach (var seconds in arrived)
        {
            var index = SourceTelemetry.LatenessBuckets.Select((b, i) => (b, i)).FirstOrDefault(x => seconds <= x.b, (0, SourceTelemetry.LatenessBuckets.Count)).Item2;
            expected[index]++;
        }

        Assert.Equal(expected, h.BucketCounts);
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMicroseconds(milliseconds * 1000);
}
