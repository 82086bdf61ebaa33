using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Service.Status;
using TimeActors.Service.Tests.Network;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Server;
using TimeActors.Timing.Time;

namespace TimeActors.Service.Tests.Sources;

/// <summary>
/// Issue 6, test 6: the hardware path end to end in virtual time. A fake interface port with hardware
/// timestamping delivers each request's HW TX stamp at a scripted latency (before the response, within
/// the 1 ms hwtstimeout after it, after the timeout, or never); the interface actor routes the stamps and
/// responses to a real source actor, whose saved-response counts must match the script exactly.
/// </summary>
public sealed class HardwarePathTests : TestKit
{
    private static readonly TimeSpan ResponseDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan HwTsTimeout = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(4);
    private static readonly NetworkEndpoint Server = NetworkEndpoint.FromBytes([10, 200, 0, 1], 123);

    public HardwarePathTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void Saved_responses_are_released_by_stamp_or_by_timeout_exactly_as_the_latencies_say()
    {
        // Latencies of each request's HW TX stamp after its send; null = the stamp never comes. The
        // response arrives 2 ms after the send, so the stamp is before it (< 2 ms), within the
        // timeout (2..3 ms), or too late (> 3 ms).
        TimeSpan?[] latencies =
        [
            Ms(0.5), Ms(2.2), Ms(2.9), Ms(3.4), null, Ms(1.5), Ms(2.5), Ms(40), null, Ms(2.01),
            Ms(2.99), Ms(3.01), Ms(0.1), null, Ms(2.6), Ms(9), Ms(2.3), null, Ms(2.4), Ms(3.5),
        ];
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, latencies[i]));
        var clock = CreateTestProbe("clock");
        IActorRef source = StartSource(port, clock);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * (latencies.Length - 1)) + TimeSpan.FromMilliseconds(500));

        Assert.Equal(latencies.Length, server.Requests);

        // A response is saved only once the source has a good sample and while the request's TX
        // stamp is not hardware yet, so the first request and those whose stamp came first are not.
        var saved = latencies.Skip(1).Where(l => l is not { } t || t > ResponseDelay).ToList();
        int byStamp = saved.Count(l => l is { } t && t < ResponseDelay + HwTsTimeout);
        int byTimeout = saved.Count - byStamp;
        int hardwareTx = latencies.Count(l => l is { } t && t < ResponseDelay + HwTsTimeout);

        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        Assert.Equal(new SavedResponseCounts(saved.Count, byStamp, byTimeout, 0, 0), report.SavedResponses);
        Assert.Equal(8, byStamp); // the script really exercises both outcomes
        Assert.Equal(9, byTimeout);

        // Every request gave a sample; T1 is hardware exactly when the stamp beat the release.
        Assert.Equal(new TimestampCounts(hardwareTx, 0, latencies.Length - hardwareTx), report.TxStamps);
        Assert.Equal(new TimestampCounts(0, latencies.Length, 0), report.RxStamps);

        // Samples reached the clock actor's stand-in, one per request.
        var samples = Drain(clock).OfType<SourceUpdate>().Where(u => u.NewSample is not null).ToList();
        Assert.Equal(latencies.Length, samples.Count);
        Assert.Equal(hardwareTx, samples.Count(u => u.NewSample!.Value.TxSource == TimestampSource.Hardware));

        // Each request's socket closed after its valid response, so stamps later than the release
        // found no socket and were dropped by the port.
        Assert.Equal(port.OpenedSockets, port.ClosedSockets);
        Assert.Equal(latencies.Count(l => l is { } t && t > ResponseDelay + HwTsTimeout), port.DroppedForClosedSocket);
    }

    [Fact]
    public void A_stamp_arriving_on_the_timeout_tick_is_never_counted_twice()
    {
        // Edge of the window: the stamp lands exactly when the 1 ms timer is due. Whichever the
        // actor sees first, each saved response is released once.
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, i == 0 ? Ms(0.5) : ResponseDelay + HwTsTimeout));
        var clock = CreateTestProbe("clock");
        IActorRef source = StartSource(port, clock);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * 5) + TimeSpan.FromMilliseconds(500));

        source.Tell(GetSourceReport.Instance, TestActor);
        var counts = ExpectMsg<SourceReport>().SavedResponses;
        Assert.Equal(5, counts.Saved);
        Assert.Equal(counts.Saved, counts.ReleasedByStamp + counts.ReleasedByTimeout);
        Assert.Equal(6, server.Requests);
    }

    internal static List<object> Drain(TestProbe probe)
    {
        var messages = new List<object>();
        while (probe.HasMessages)
        {
            messages.Add(probe.ReceiveOne());
        }

        return messages;
    }

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMicroseconds(milliseconds * 1000);

    private IActorRef StartSource(ScriptedNetworkPort port, IActorRef clock)
    {
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        var options = new SourceOptions
        {
            SourceId = 1,
            Name = "hw-server",
            Address = Server,
            Exchange = new ClientExchangeOptions
            {
                MinPoll = 2,
                MaxPoll = 2,
                SavedResponseTimeout = TimeInterval.FromMilliseconds(HwTsTimeout.TotalMilliseconds),
            },
        };
        return Sys.ActorOf(SourceActor.Props(options, sockets, clock, new SequenceRandom()), "source-1");
    }
}
