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
using TimeActors.Timing.Wire;

namespace TimeActors.Service.Tests.Sources;

/// <summary>The source actor against a scripted port and a fake server, in virtual time.</summary>
public sealed class SourceActorTests : TestKit
{
    private static readonly TimeSpan ResponseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(4); // minpoll = maxpoll = 2
    private static readonly TimeSpan FirstRequest = TimeSpan.FromMilliseconds(200);

    private readonly ScriptedNetworkPort _port;
    private readonly InterfaceSockets _sockets;

    public SourceActorTests()
        : base(virtualTime: true)
    {
        _port = new ScriptedNetworkPort(Sys.Scheduler);
        _sockets = new InterfaceSockets(_port);
        Sys.ActorOf(InterfaceActor.Props(_sockets), "fake0");
    }

    [Fact]
    public void Polls_at_its_interval_and_sends_each_sample_to_the_clock_actor()
    {
        var server = new FakeNtpServer(_port, _ => new ScriptedExchange(ResponseDelay));
        var clock = CreateTestProbe("clock");
        var source = Start(1, clock);

        Advance(FirstRequest + (Poll * 9) + TimeSpan.FromMilliseconds(100));

        Assert.Equal(10, server.Requests);
        var updates = HardwarePathTests.Drain(clock).OfType<SourceUpdate>().ToList();
        var samples = updates.Where(u => u.NewSample is not null).Select(u => u.NewSample!.Value).ToList();
        Assert.Equal(10, samples.Count);
        Assert.All(samples, s =>
        {
            // Same (virtual) clock at both ends: no offset; the delay is the scripted round trip less the hold.
            Assert.True(s.Offset.Abs() <= TimeInterval.FromMicroseconds(1), $"offset {s.Offset}");
            Assert.Equal((ResponseDelay - FakeNtpServer.HoldTime).TotalMicroseconds, s.Delay.Nanoseconds / 1000.0, 0);
            Assert.Equal(TimestampSource.Kernel, s.RxSource);
            Assert.Equal(TimestampSource.Daemon, s.TxSource);
        });

        SourceUpdate last = updates[^1];
        Assert.Equal(1, last.SourceId);
        Assert.True(last.Reachable);
        Assert.True(last.Data.Usable);
        Assert.Equal(0xFF, last.Report.Reach);
        Assert.Equal(2, last.Report.PollLog2);
        Assert.Equal(10, last.Report.Samples);
        Assert.Equal(new TimestampCounts(0, 0, 10), last.Report.TxStamps);
        Assert.Equal(new TimestampCounts(0, 10, 0), last.Report.RxStamps);
        Assert.Equal("10.200.0.1:123", last.Report.Address);

        // One socket per request, each closed after its valid response.
        Assert.Equal(10, _port.OpenedSockets);
        Assert.Equal(0, _port.OpenSocketCount);

        source.Tell(GetSourceReport.Instance, TestActor);
        Assert.Equal(last.Report, ExpectMsg<SourceReport>());
    }

    [Fact]
    public void An_unanswered_source_loses_reach_and_reports_it()
    {
        var server = new FakeNtpServer(_port, i => new ScriptedExchange(i < 2 ? ResponseDelay : null));
        var clock = CreateTestProbe("clock");
        var source = Start(1, clock, minPoll: 2, maxPoll: 2);

        Advance(FirstRequest + (Poll * 9) + TimeSpan.FromMilliseconds(100));

        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        Assert.Equal(10, server.Requests);
        Assert.Equal(0, report.Reach); // the two answers have been shifted out by eight silent polls
        Assert.Equal(SourceSelectionState.Unreachable, report.State);
        var last = HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Last();
        Assert.False(last.Reachable);
        Assert.Equal(0, last.Report.Reach);
    }

    [Fact]
    public void A_DENY_kiss_of_death_demobilises_the_source()
    {
        var server = new FakeNtpServer(_port, i => new ScriptedExchange(ResponseDelay, KissCode: i == 2 ? KissCode.Deny : null));
        var clock = CreateTestProbe("clock");
        var source = Start(1, clock);

        Advance(FirstRequest + (Poll * 20));

        Assert.Equal(3, server.Requests);
        Assert.Equal(0, _port.OpenSocketCount);
        source.Tell(GetSourceReport.Instance, TestActor);
        Assert.Equal(SourceSelectionState.Unreachable, ExpectMsg<SourceReport>().State);
        Assert.False(HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Last().Reachable);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Warning, "kiss-o'-death");
    }

    [Fact]
    public void A_RATE_kiss_of_death_makes_the_source_back_off()
    {
        var server = new FakeNtpServer(_port, i => new ScriptedExchange(ResponseDelay, KissCode: i == 2 ? KissCode.Rate : null));
        var clock = CreateTestProbe("clock");
        var source = Start(1, clock, minPoll: 2, maxPoll: 6);

        // Requests 0..2 at the 4 s poll; after the RATE kiss the poll is 8 s and the next request is
        // pushed four intervals (32 s) out.
        Advance(FirstRequest + (Poll * 2) + TimeSpan.FromSeconds(31));
        Assert.Equal(3, server.Requests);
        Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(4, server.Requests);

        source.Tell(GetSourceReport.Instance, TestActor);
        Assert.True(ExpectMsg<SourceReport>().PollLog2 >= 3);
    }

    [Fact]
    public void A_crash_restarts_that_source_only()
    {
        var server = new FakeNtpServer(_port, _ => new ScriptedExchange(ResponseDelay));
        var crashed = NetworkEndpoint.FromBytes([10, 200, 0, 2], 123);
        int crashes = 0;
        _port.FailSend = s => s.Destination == crashed && Interlocked.Increment(ref crashes) == 5; // its fifth request fails
        var clockA = CreateTestProbe("clock-a");
        var clockB = CreateTestProbe("clock-b");
        var healthy = Start(1, clockA);
        var failing = Start(2, clockB, address: crashed);

        Advance(FirstRequest + (Poll * 9) + TimeSpan.FromMilliseconds(100));

        // The healthy source kept everything; the failing one lost its state when it restarted,
        // closed the socket of the failed request, and polls again from a fresh start.
        healthy.Tell(GetSourceReport.Instance, TestActor);
        var a = ExpectMsg<SourceReport>();
        failing.Tell(GetSourceReport.Instance, TestActor);
        var b = ExpectMsg<SourceReport>();
        Assert.Equal(10, a.Samples);
        Assert.InRange(b.Samples, 1, 5);
        Assert.True(b.Reach != 0);
        Assert.Equal(0, _port.OpenSocketCount);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "scripted failure");
        Assert.True(server.Requests > 15);
    }

    [Fact]
    public void A_clock_step_moves_the_stored_samples_and_is_reported_at_once()
    {
        var server = new FakeNtpServer(_port, _ => new ScriptedExchange(ResponseDelay));
        var clock = CreateTestProbe("clock");
        Start(1, clock);
        Advance(FirstRequest + (Poll * 5) + TimeSpan.FromMilliseconds(100));
        var before = HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Last();
        Assert.True(before.Data.Offset.Abs() < TimeInterval.FromMilliseconds(1), $"offset before {before.Data.Offset}");

        // The clock was stepped back by 2 s: stored local times move back, and the offsets they
        // measured (source minus local) grow by 2 s. The update comes without waiting for a sample.
        Sys.EventStream.Publish(new ClockStepped(TimeInterval.FromSeconds(-2), ScriptedNetworkPort.ToSystemTime(Sys.Scheduler.Now)));
        var after = clock.ExpectMsg<SourceUpdate>();
        Assert.Null(after.NewSample);
        Assert.Equal(2.0, (after.Data.Offset - before.Data.Offset).TotalSeconds, 3);
        Assert.Equal(6, server.Requests);
    }

    private IActorRef Start(int id, IActorRef clock, int minPoll = 2, int maxPoll = 2, NetworkEndpoint? address = null)
    {
        var options = new SourceOptions
        {
            SourceId = id,
            Name = $"server{id}",
            Address = address ?? NetworkEndpoint.FromBytes([10, 200, 0, (byte)id], 123),
            Exchange = new ClientExchangeOptions { MinPoll = minPoll, MaxPoll = maxPoll },
        };
        return Sys.ActorOf(SourceActor.Props(options, _sockets, clock, new SequenceRandom((ulong)id)), $"source-{id}");
    }
}
