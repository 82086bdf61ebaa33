using TimeActors.Timing.Exchange;
using TimeActors.Timing.Server;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class InterleavedClientTests
{
    private static readonly TimeInterval Theta = TimeInterval.FromMilliseconds(20.5);
    private static readonly TimeInterval OneWay = TimeInterval.FromMilliseconds(1);
    private static readonly ClientAddress Client = ClientAddress.FromBytes([10, 200, 0, 1]);

    /// <summary>
    /// Our client against our server (<see cref="ResponseBuilder"/>) on a symmetric 1 ms path. The
    /// server's daemon reads its clock 50 µs before the response really leaves; the hardware TX stamp
    /// it learns afterwards is exact. So basic samples are off by 25 µs and interleaved ones are exact.
    /// </summary>
    private sealed class Scenario
    {
        private readonly ResponseBuilder _server = new(new InterleavedClientTable(8));
        public const uint ServerRefId = 0xC0000201;

        private readonly ServerTrackingState _tracking = new(LeapIndicator.NoWarning, 2, -24, TimeInterval.Zero, TimeInterval.FromMicroseconds(10), ServerRefId, Ms(-1000));

        public Scenario(bool interleaved = true) =>
            Client = new ExchangeHarness(new ClientExchangeOptions { Interleaved = interleaved });

        public ExchangeHarness Client { get; }

        public List<bool> ServerAnsweredInterleaved { get; } = [];

        public ExchangeAction[] Exchange(double t1Ms) => Exchange(t1Ms, TimestampSource.Hardware, txStampAfterResponse: false);

        /// <summary>
        /// One exchange whose request really leaves 20 µs after the daemon's reading; the TX stamp of
        /// that departure (of kind <paramref name="txSource"/>) reaches the client before the response
        /// or, with <paramref name="txStampAfterResponse"/>, only after it.
        /// </summary>
        public ExchangeAction[] Exchange(double t1Ms, TimestampSource txSource, bool txStampAfterResponse)
        {
            Client.Send(Ms(t1Ms));
            SystemTime departure = Ms(t1Ms + 0.02);
            if (!txStampAfterResponse)
                Client.TxStamp(departure, txSource);

            SystemTime serverRx = departure + OneWay + Theta; // server clock
            SystemTime serverDeparture = serverRx + TimeInterval.FromMicroseconds(100);
            var response = new byte[48];
            ResponseDecision decision = _server.Build(Client.LastRequest, InterleavedClientTests.Client, new PacketTimestamp(serverRx, TimestampSource.Hardware, TimeInterval.Zero), _tracking, serverDeparture - TimeInterval.FromMicroseconds(50), response);
            Assert.True(decision.ShouldRespond);
            ServerAnsweredInterleaved.Add(decision.Interleaved);
            NtpTimestamp receiveField = NtpHeader.ReadFrom(response).Receive;
            Assert.True(_server.OnTransmitStamp(InterleavedClientTests.Client, receiveField, new PacketTimestamp(serverDeparture, TimestampSource.Hardware, TimeInterval.Zero)));

            ExchangeAction[] actions = Client.Receive(response, serverDeparture - Theta + OneWay, TimestampSource.Hardware);
            if (txStampAfterResponse)
                Client.TxStamp(departure, txSource);
            return actions;
        }
    }

    [Fact]
    public void First_request_is_basic_then_origin_carries_the_servers_rx_stamp_of_our_previous_request()
    {
        var scenario = new Scenario();
        scenario.Exchange(0);
        NtpHeader first = scenario.Client.LastRequestHeader;
        Assert.Equal((NtpTimestamp.Zero, NtpTimestamp.Zero), (first.Origin, first.Receive));

        scenario.Client.Send(Ms(64_000));
        NtpHeader second = scenario.Client.LastRequestHeader;

        SystemTime serverRx0 = Ms(0.02) + OneWay + Theta;
        Assert.Equal(NtpTimestamp.FromSystemTime(serverRx0).WithLowBit(true), second.Origin);
        Assert.False(second.Receive.IsZero);
        Assert.NotEqual(second.Receive, second.Transmit);
    }

    [Fact]
    public void Interleaved_samples_use_the_servers_exact_tx_stamp_of_the_previous_response()
    {
        var scenario = new Scenario();

        SourceSample basic = scenario.Exchange(0).Single(ExchangeActionKind.ProcessSample).Sample;
        ExchangeAction[] afterBasic = scenario.Exchange(64_000);
        SourceSample interleaved = scenario.Exchange(128_000).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal([false, true, true], scenario.ServerAnsweredInterleaved);
        Assert.False(basic.Interleaved);
        Assert.Equal(Theta - TimeInterval.FromMicroseconds(25), basic.Offset);

        // The first interleaved response follows a basic one: not used (test A).
        Assert.Equal(ResponseOutcome.InterleavedAfterBasic, afterBasic.Single(ExchangeActionKind.ResponseRejected).Outcome);

        Assert.True(interleaved.Interleaved);
        Assert.Equal(Theta, interleaved.Offset);
        Assert.Equal(OneWay + OneWay, interleaved.Delay);
        Assert.Equal((TimestampSource.Hardware, TimestampSource.Hardware), (interleaved.TxSource, interleaved.RxSource));
    }

    [Fact]
    public void A_tx_stamp_that_arrives_after_its_response_still_serves_as_t1_of_the_next_interleaved_sample()
    {
        // The point of interleaved mode is that stamps learnt after sending still count. The server's
        // late TX stamp already does (it comes with the next response); ours must too, or T1 is the
        // daemon's reading, 20 µs before the departure: the offset then reads 10 µs high and the
        // delay 20 µs long (the bias seen against chronyd with kernel stamps).
        var scenario = new Scenario();
        scenario.Client.Exchange.HardwareTimestampingEnabled = false;

        scenario.Exchange(0, TimestampSource.Kernel, txStampAfterResponse: true);
        scenario.Exchange(64_000, TimestampSource.Kernel, txStampAfterResponse: true);
        ExchangeAction[] third = scenario.Exchange(128_000, TimestampSource.Kernel, txStampAfterResponse: true);
        SourceSample sample = third.Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.True(sample.Interleaved);
        Assert.Equal(TimestampSource.Kernel, sample.TxSource);
        Assert.Equal(Theta, sample.Offset);
        Assert.Equal(OneWay + OneWay, sample.Delay);
    }

    [Fact]
    public void A_rate_change_between_exchanges_moves_the_stored_stamps_the_next_interleaved_sample_uses()
    {
        // The same exchanges without the change, for comparison.
        var reference = new Scenario();
        reference.Exchange(0);
        reference.Exchange(64_000);
        SourceSample unchanged = reference.Exchange(128_000).Single(ExchangeActionKind.ProcessSample).Sample;

        var scenario = new Scenario();
        scenario.Exchange(0);
        scenario.Exchange(64_000);

        // The clock runs 100 ppm faster from 100 s on. The next interleaved sample is built from
        // exchange 64 000's stamps, taken before the change: it must come out as if the new rate had
        // always applied, like the samples the statistics already hold (t + (t - when)·Δ).
        SystemTime when = Ms(100_000);
        const double deltaPpm = 100;
        scenario.Client.Exchange.OnClockRateChanged(when, deltaPpm);
        SourceSample sample = scenario.Exchange(128_000).Single(ExchangeActionKind.ProcessSample).Sample;

        TimeInterval shift = TimeInterval.FromSeconds((unchanged.LocalTime - when).TotalSeconds * deltaPpm * 1e-6);
        Assert.True(sample.Interleaved);
        Assert.Equal(unchanged.LocalTime + shift, sample.LocalTime);
        Assert.InRange((sample.Offset - (unchanged.Offset - shift)).Abs().Nanoseconds, 0, 1);
        // The 2.1 ms local interval (two 1 ms legs and the server's 100 µs) reads 100 ppm longer: 210 ns.
        Assert.InRange((sample.Delay - unchanged.Delay).Nanoseconds, 209, 211);
    }

    [Fact]
    public void A_late_tx_stamp_of_a_request_whose_basic_sample_was_used_does_not_revive_its_timestamps()
    {
        var scenario = new Scenario();
        scenario.Client.Exchange.HardwareTimestampingEnabled = false;

        Assert.True(scenario.Exchange(0, TimestampSource.Kernel, txStampAfterResponse: true).Has(ExchangeActionKind.ProcessSample));

        // The basic sample used exchange 0 already; its late stamp must not make it usable again.
        Assert.Equal(ResponseOutcome.InterleavedAfterBasic,
            scenario.Exchange(64_000, TimestampSource.Kernel, txStampAfterResponse: true).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void After_a_basic_response_that_gave_no_sample_the_next_interleaved_one_is_used()
    {
        var scenario = new Scenario();

        // The first (basic) response fails test D, so its timestamps were not used for a sample.
        scenario.Client.Exchange.LocalReferenceId = Scenario.ServerRefId;
        Assert.Equal(ResponseOutcome.SynchronizationLoop, scenario.Exchange(0).Single(ExchangeActionKind.ResponseRejected).Outcome);
        scenario.Client.Exchange.LocalReferenceId = null;

        SourceSample sample = scenario.Exchange(64_000).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.True(sample.Interleaved);
        Assert.Equal(Theta, sample.Offset);
        Assert.Equal(OneWay + OneWay, sample.Delay);
    }

    [Fact]
    public void Interleaved_root_values_come_from_the_exchange_the_timestamps_come_from()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { Interleaved = true });
        harness.Exchange.HardwareTimestampingEnabled = false;
        NtpShort small = NtpShort.FromInterval(TimeInterval.FromMilliseconds(1));
        NtpShort medium = NtpShort.FromInterval(TimeInterval.FromMilliseconds(4));
        NtpShort large = NtpShort.FromInterval(TimeInterval.FromMilliseconds(9));

        // Exchange A: basic, its sample unused (test D), so interleaved samples follow at once.
        harness.Exchange.LocalReferenceId = 0xC0000201;
        harness.Send(Ms(0));
        harness.Receive(harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with { RootDelay = small }), Ms(2));
        harness.Exchange.LocalReferenceId = null;

        SourceSample Interleaved(double t1Ms, double previousRxMs, NtpShort rootDelay)
        {
            harness.Send(Ms(t1Ms));
            NtpHeader request = harness.LastRequestHeader;
            byte[] response = harness.Respond(Ms(t1Ms + 1), Theta, TimeInterval.Zero, h => h with
            {
                Origin = request.Receive,
                Transmit = NtpTimestamp.FromSystemTime(Ms(previousRxMs - 1) + Theta), // server TX of the previous response
                RootDelay = rootDelay,
            });
            return harness.Receive(response, Ms(t1Ms + 2)).Single(ExchangeActionKind.ProcessSample).Sample;
        }

        // Exchange B after a long gap: A's T1/T2, so A's root delay alone (not B's larger one).
        SourceSample longGap = Interleaved(64_000, 2, large);
        Assert.Equal(small.ToInterval() + longGap.Delay, longGap.RootDelay);

        // Exchange C 5 ms after B's 2 ms round trip: B and C mixed, the larger root delay (B's).
        SourceSample shortGap = Interleaved(64_007, 64_002, medium);
        Assert.Equal(large.ToInterval() + shortGap.Delay, shortGap.RootDelay);
        Assert.True(shortGap.Interleaved && longGap.Interleaved);
        Assert.Equal((Theta, Theta), (longGap.Offset, shortGap.Offset));
    }

    [Fact]
    public void Previous_exchange_timestamps_are_chosen_when_the_poll_gap_dwarfs_the_round_trip()
    {
        var scenario = new Scenario();
        scenario.Exchange(0);
        scenario.Exchange(64_000);

        SourceSample sample = scenario.Exchange(128_000).Single(ExchangeActionKind.ProcessSample).Sample;

        // T1 and T4 both from exchange 64 000: the sample time is their midpoint.
        SystemTime t1 = Ms(64_000.02);
        SystemTime t4 = t1 + OneWay + TimeInterval.FromMicroseconds(100) + OneWay;
        Assert.Equal(t1 + new TimeInterval((t4 - t1).Nanoseconds / 2), sample.LocalTime);
    }

    [Fact]
    public void Current_request_timestamps_are_chosen_when_the_gap_is_short()
    {
        var scenario = new Scenario();
        scenario.Exchange(0);
        scenario.Exchange(64_000);

        // 10 ms after the previous response: 0.1 * gap is below the 2.1 ms round trip.
        SourceSample sample = scenario.Exchange(64_012.1).Single(ExchangeActionKind.ProcessSample).Sample;

        SystemTime t1 = Ms(64_012.12);
        SystemTime t4 = Ms(64_000.02) + OneWay + TimeInterval.FromMicroseconds(100) + OneWay;
        Assert.Equal(t1 + new TimeInterval((t4 - t1).Nanoseconds / 2), sample.LocalTime);
        Assert.Equal(Theta, sample.Offset);
        Assert.Equal(OneWay + OneWay, sample.Delay);
    }

    [Fact]
    public void At_most_four_unanswered_interleaved_requests_then_requests_fall_back_to_basic()
    {
        var scenario = new Scenario();
        scenario.Exchange(0);

        var origins = new List<NtpTimestamp>();
        for (int i = 1; i <= 6; i++)
        {
            scenario.Client.Send(Ms(i * 64_000));
            origins.Add(scenario.Client.LastRequestHeader.Origin);
        }

        Assert.All(origins.Take(4), o => Assert.False(o.IsZero));
        Assert.All(origins.Skip(4), o => Assert.True(o.IsZero));
        Assert.True(scenario.Client.LastRequestHeader.Receive.IsZero);
    }

    [Fact]
    public void Basic_only_server_is_used_in_basic_mode_by_an_interleaved_client()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { Interleaved = true });
        harness.Exchange.HardwareTimestampingEnabled = false;
        var samples = new List<SourceSample>();
        for (int i = 0; i < 4; i++)
        {
            // RespondTo copies the request's transmit field into origin, as any basic server does.
            samples.Add(harness.GoodExchange(i * 64_000, Theta).Single(ExchangeActionKind.ProcessSample).Sample);
        }

        Assert.False(harness.LastRequestHeader.Origin.IsZero); // we kept asking for interleaved
        Assert.All(samples, s => Assert.False(s.Interleaved));
        Assert.All(samples, s => Assert.Equal(Theta, s.Offset));
    }

    [Fact]
    public void Without_the_option_requests_stay_basic()
    {
        var scenario = new Scenario(interleaved: false);
        scenario.Exchange(0);
        scenario.Exchange(64_000);

        Assert.True(scenario.Client.LastRequestHeader.Origin.IsZero);
        Assert.Equal([false, false], scenario.ServerAnsweredInterleaved);
    }
}
