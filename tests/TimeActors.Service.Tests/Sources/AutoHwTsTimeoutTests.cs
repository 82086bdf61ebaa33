using TimeActors.Actors;
using TimeActors.Actors.TestKit;
using TimeActors.Service.Messages;
using TimeActors.Service.Network;
using TimeActors.Service.Sources;
using TimeActors.Service.Status;
using TimeActors.Service.Tests.Network;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Ports.Network;
using TimeActors.Timing.Time;
using Xunit.Abstractions;

namespace TimeActors.Service.Tests.Sources;

/// <summary>
/// Issue 7, <c>hwts-timeout = auto</c> in virtual time: a fake NIC delivers hardware TX stamps at
/// scripted latencies (the late-hw-tx scenario: uniform 0.2–5 ms after the send, 2 % never) to real
/// interface and source actors. Every expected figure is computed from the script.
/// </summary>
public sealed class AutoHwTsTimeoutTests : TestKit
{
    private static readonly TimeSpan ResponseDelay = TimeSpan.FromMicroseconds(300);
    private static readonly TimeSpan FixedTimeout = TimeSpan.FromMilliseconds(1);
    private const int PollLog2 = 2;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1 << PollLog2);
    private static readonly NetworkEndpoint Server = NetworkEndpoint.FromBytes([10, 200, 0, 1], 123);

    private readonly ITestOutputHelper _output;

    public AutoHwTsTimeoutTests(ITestOutputHelper output)
        : base(virtualTime: true)
    {
        _output = output;
    }

    /// <summary>300 requests: latencies uniform in [0.2, 5] ms, exactly 2 % (6) never stamped, at seeded places.</summary>
    private static TimeSpan?[] LateHwTxScript(int seed, int requests = 300)
    {
        var random = new Random(seed);
        var latencies = new TimeSpan?[requests];
        for (int i = 0; i < requests; i++)
        {
            latencies[i] = TimeSpan.FromMicroseconds(200 + (random.NextDouble() * 4800));
        }

        foreach (int never in Enumerable.Range(0, requests).OrderBy(_ => random.Next()).Take(requests / 50))
        {
            latencies[never] = null;
        }

        return latencies;
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public void Auto_gives_at_least_97_percent_hardware_tx_samples_where_the_fixed_1ms_gives_far_fewer(int seed)
    {
        TimeSpan?[] latencies = LateHwTxScript(seed);

        (SourceReport auto, int autoSamples) = Run(latencies, learn: true, "auto");
        (SourceReport fixedReport, int fixedSamples) = Run(latencies, learn: false, "fixed");
        Assert.Equal(latencies.Length, autoSamples);
        Assert.Equal(latencies.Length, fixedSamples);

        // Fixed: as chrony, a stamp is used only if it beats the 1 ms wait after the response (the
        // first request is never saved: the source has no good sample yet).
        int firstHardware = latencies[0] is { } first && first < ResponseDelay ? 1 : 0;
        int fixedExpected = latencies.Skip(1).Count(l => l is { } t && t < ResponseDelay + FixedTimeout) + firstHardware;

        // Auto: every stamp that comes is waited for, from the start (the start value is the poll bound,
        // 0.5 s here) and once learned (0.99 quantile x 1.25 > 5 ms); only the first request, which is
        // never saved, needs its stamp before the response.
        int autoExpected = latencies.Skip(1).Count(l => l is not null) + firstHardware;

        Assert.Equal(fixedExpected, fixedReport.TxStamps.Hardware);
        Assert.Equal(autoExpected, auto.TxStamps.Hardware);
        double autoShare = (double)auto.TxStamps.Hardware / latencies.Length;
        double fixedShare = (double)fixedReport.TxStamps.Hardware / latencies.Length;
        _output.WriteLine($"seed {seed}: hardware TX stamps in {autoShare:P1} of samples with auto (wait {auto.HwTsTimeout!.TimeoutSeconds * 1e3:0.###} ms), {fixedShare:P1} with the fixed 1 ms");
        Assert.True(autoShare >= 0.97, $"auto: {autoShare:P1} of samples with a hardware TX stamp");
        Assert.True(fixedShare < autoShare - 0.5, $"fixed 1 ms: {fixedShare:P1}, auto: {autoShare:P1}");

        // The learned wait and its counts are visible in the report, equal to a learner fed the script.
        var learner = new TxStampLatencyLearner();
        foreach (TimeSpan? l in latencies)
        {
            (l is { } t ? TxStampOutcome.After((long)t.TotalNanoseconds) : TxStampOutcome.Missing).ApplyTo(learner);
        }

        long pollNs = ClientExchange.PollInterval(PollLog2).Nanoseconds;
        Assert.Equal(new HwTsTimeoutReport(true, new TimeInterval(learner.TimeoutNs(pollNs)).TotalSeconds, learner.ArrivedTotal, learner.MissingTotal), auto.HwTsTimeout);
        Assert.InRange(auto.HwTsTimeout!.TimeoutSeconds, 5e-3, 6.25e-3); // covers the 5 ms top, margin at most 25 %
        Assert.Equal(new HwTsTimeoutReport(false, FixedTimeout.TotalSeconds, 0, 0), fixedReport.HwTsTimeout);
    }

    [Fact]
    public void A_stamp_later_than_the_learned_wait_is_still_measured_on_the_lingering_socket_and_the_wait_follows_it()
    {
        // 40 fast stamps (1-2 ms) teach a wait of about 2.5 ms; then the NIC slows to 30 ms. The first
        // slow stamp comes after its response was released by the timeout, on the socket kept open for
        // it; measured, it becomes the top of the window and the wait covers the slow stamps from then on.
        const int fast = 40;
        const int slow = 20;
        TimeSpan?[] latencies = [.. Enumerable.Range(0, fast).Select(i => (TimeSpan?)TimeSpan.FromMicroseconds(1000 + (25 * i))), .. Enumerable.Repeat((TimeSpan?)TimeSpan.FromMilliseconds(30), slow)];
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, latencies[i]));
        var clock = CreateTestProbe("clock");
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        IActorRef source = StartSource(sockets, clock, 1, learn: true);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * (latencies.Length - 1)) + TimeSpan.FromSeconds(1));
        Assert.Equal(latencies.Length, server.Requests);

        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        Assert.Equal(latencies.Length, report.HwTsTimeout!.StampsMeasured); // none lost, even those after their release
        Assert.Equal(0, report.HwTsTimeout.StampsMissing);
        Assert.Equal(0, port.DroppedForClosedSocket);
        Assert.Equal(port.OpenedSockets, port.ClosedSockets); // each lingering socket closed at its stamp
        Assert.Equal(latencies.Length - 2, report.TxStamps.Hardware); // not the first request (never saved) nor the first slow one
        Assert.Equal(1, report.SavedResponses.ReleasedByTimeout);
        Assert.Equal(0.0375, report.HwTsTimeout.TimeoutSeconds, 9);
    }

    [Fact]
    public void Sources_of_one_interface_learn_from_each_others_stamps()
    {
        // Two sources poll alternately through one NIC: each one's learner counts every stamp of the interface.
        TimeSpan?[] latencies = LateHwTxScript(11, requests: 80);
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, latencies[i]));
        var clock = CreateTestProbe("clock");
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        IActorRef a = StartSource(sockets, clock, 1, learn: true);
        IActorRef b = StartSource(sockets, clock, 2, learn: true);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * ((latencies.Length / 2) - 1)) + TimeSpan.FromSeconds(1));
        Assert.Equal(latencies.Length, server.Requests);

        // Every stamp that came was measured by both, and every one that did not (at the end of its socket's linger) counted apart.
        int arrived = latencies.Count(l => l is not null);
        foreach (IActorRef source in new[] { a, b })
        {
            source.Tell(GetSourceReport.Instance, TestActor);
            var hwts = ExpectMsg<SourceReport>().HwTsTimeout!;
            Assert.Equal(arrived, hwts.StampsMeasured);
            Assert.Equal(latencies.Count(l => l is null), hwts.StampsMissing);
        }
    }

    [Fact]
    public void Auto_on_an_interface_without_hardware_timestamping_learns_nothing_and_never_saves()
    {
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: false);
        var server = new FakeNtpServer(port, _ => new ScriptedExchange(ResponseDelay, TimeSpan.FromMilliseconds(2)));
        var clock = CreateTestProbe("clock");
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), "fake0");
        IActorRef source = StartSource(sockets, clock, 1, learn: true);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * 9) + TimeSpan.FromSeconds(1));
        Assert.Equal(10, server.Requests);
        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        Assert.Equal(0, report.SavedResponses.Saved);
        Assert.Equal(new HwTsTimeoutReport(true, FixedTimeout.TotalSeconds, 0, 0), report.HwTsTimeout);
        Assert.Equal(port.OpenedSockets, port.ClosedSockets);
    }

    private (SourceReport Report, int Samples) Run(TimeSpan?[] latencies, bool learn, string name)
    {
        var port = new ScriptedNetworkPort(Sys.Scheduler, hardwareTimestamping: true, name);
        var server = new FakeNtpServer(port, i => new ScriptedExchange(ResponseDelay, latencies[i]));

        // A lingering socket must be gone before the next request: one open socket at every send.
        Action<ScriptedSend> answer = port.OnSend!;
        int mostOpenAtSend = 0;
        port.OnSend = send =>
        {
            mostOpenAtSend = Math.Max(mostOpenAtSend, port.OpenSocketCount);
            answer(send);
        };
        var clock = CreateTestProbe($"clock-{name}");
        var sockets = new InterfaceSockets(port);
        Sys.ActorOf(InterfaceActor.Props(sockets), name);
        IActorRef source = StartSource(sockets, clock, 1, learn, name);

        Advance(TimeSpan.FromMilliseconds(200) + (Poll * (latencies.Length - 1)) + TimeSpan.FromSeconds(1));
        Assert.Equal(latencies.Length, server.Requests);

        source.Tell(GetSourceReport.Instance, TestActor);
        var report = ExpectMsg<SourceReport>();
        int samples = HardwarePathTests.Drain(clock).OfType<SourceUpdate>().Count(u => u.NewSample is not null);
        Assert.Equal(1, mostOpenAtSend);
        Assert.Equal(port.OpenedSockets, port.ClosedSockets); // and every socket closed after its linger
        Sys.Stop(source);
        return (report, samples);
    }

    private IActorRef StartSource(InterfaceSockets sockets, IActorRef clock, int id, bool learn, string prefix = "fake0")
    {
        var options = new SourceOptions
        {
            SourceId = id,
            Name = $"hw-server-{id}",
            Address = Server with { Port = (ushort)(122 + id) },
            Exchange = new ClientExchangeOptions
            {
                MinPoll = PollLog2,
                MaxPoll = PollLog2,
                SavedResponseTimeout = TimeInterval.FromMilliseconds(FixedTimeout.TotalMilliseconds),
                LearnedSavedResponseTimeout = learn ? new TxStampLatencyLearnerOptions() : null,
            },
        };
        return Sys.ActorOf(SourceActor.Props(options, sockets, clock, new SequenceRandom((ulong)id)), $"{prefix}-source-{id}");
    }
}
