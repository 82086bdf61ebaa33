using TimeActors.Timing.Exchange;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class ResponseProcessingTests
{
    private static readonly TimeInterval Theta = TimeInterval.FromMilliseconds(12.345678);

    [Fact]
    public void Basic_sample_has_the_exact_offset_delay_time_dispersion_and_root_values()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        harness.TxStamp(Ms(0.01), TimestampSource.Kernel);

        // 1.0 ms out, 0.1 ms at the server, 1.4 ms back: offset error is (1.0 - 1.4) / 2.
        byte[] response = harness.Respond(Ms(1.01), Theta, TimeInterval.FromMicroseconds(100));
        ExchangeAction[] actions = harness.Receive(response, Ms(2.51));

        SourceSample sample = actions.Single(ExchangeActionKind.ProcessSample).Sample;
        TimeInterval delay = TimeInterval.FromMilliseconds(2.4);
        TimeInterval precision = TimeInterval.FromMicroseconds(1) + new TimeInterval(954); // local + 2^-20 s
        TimeInterval dispersion = precision + new TimeInterval((long)(2_500_000 * 15e-6));
        Assert.Equal(Theta - TimeInterval.FromMicroseconds(200), sample.Offset);
        Assert.Equal(delay, sample.Delay);
        Assert.Equal(Ms(0.01 + 1.25), sample.LocalTime);
        Assert.Equal(dispersion, sample.Dispersion);
        Assert.Equal(NtpShort.FromInterval(TimeInterval.FromMilliseconds(2)).ToInterval() + delay, sample.RootDelay);
        Assert.Equal(NtpShort.FromInterval(TimeInterval.FromMilliseconds(3)).ToInterval() + dispersion, sample.RootDispersion);
        Assert.Equal((2, LeapIndicator.NoWarning, TimestampSource.Kernel, TimestampSource.Kernel, false), (sample.Stratum, sample.Leap, sample.TxSource, sample.RxSource, sample.Interleaved));
        Assert.Equal(TimeInterval.FromMicroseconds(100), harness.Exchange.LastResponseTime);
    }

    [Fact]
    public void Delay_is_floored_at_the_combined_precision()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { LocalPrecision = TimeInterval.FromMicroseconds(50) });
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(0.001), Theta, TimeInterval.Zero, h => h with { Precision = -10 });

        SourceSample sample = harness.Receive(response, Ms(0.002)).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(TimeInterval.FromMicroseconds(50) + new TimeInterval(976_563), sample.Delay);
    }

    [Fact]
    public void Error_bounds_of_the_local_stamps_raise_the_dispersion_floor()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        harness.Exchange.OnTxStamp(harness.LastRequestHeader.Transmit, Stamp(Ms(0), TimestampSource.Hardware, errorNs: 40_000));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);

        SourceSample sample = harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(new TimeInterval(40_000 + 30), sample.Dispersion);
    }

    [Fact]
    public void Skew_from_the_statistics_scales_the_dispersion_and_is_capped_at_2000_ppm()
    {
        var harness = new ExchangeHarness();
        harness.Exchange.SkewPpm = 1e6;
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);

        SourceSample sample = harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(2000.0, harness.Exchange.SkewPpm);
        Assert.Equal(new TimeInterval(1954 + 4000), sample.Dispersion);
    }

    [Fact]
    public void Offset_correction_is_added()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { OffsetCorrection = TimeInterval.FromMicroseconds(-7) });

        SourceSample sample = harness.GoodExchange(0, Theta).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(Theta - TimeInterval.FromMicroseconds(7), sample.Offset);
    }

    [Fact]
    public void Valid_response_closes_the_socket_and_cancels_the_receive_timer()
    {
        var harness = new ExchangeHarness();

        ExchangeAction[] actions = harness.GoodExchange(0, Theta);

        Assert.Equal([ExchangeActionKind.ProcessSample, ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket], actions.Kinds());
        Assert.Equal(ExchangeTimer.Receive, actions[1].Timer);
        Assert.False(harness.Exchange.SocketOpen);
    }

    [Fact]
    public void Test1_duplicate_of_the_last_accepted_response_is_rejected()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] first = harness.Respond(Ms(1), Theta, TimeInterval.Zero);
        harness.Receive(first, Ms(2));
        NtpHeader accepted = NtpHeader.ReadFrom(first);

        // Same receive and transmit fields, origin matching the new request: a replay.
        harness.Send(Ms(64_000));
        byte[] replay = harness.Respond(Ms(64_001), Theta, TimeInterval.Zero, h => h with { Receive = accepted.Receive, Transmit = accepted.Transmit });

        ExchangeAction[] actions = harness.Receive(replay, Ms(64_002));
        Assert.Equal(ResponseOutcome.Duplicate, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.True(harness.Exchange.SocketOpen);
    }

    [Fact]
    public void Test2_bogus_origin_is_rejected_and_keeps_the_socket_open()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] bogus = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with { Origin = NtpTimestamp.FromSystemTime(Ms(0)) });

        ExchangeAction[] actions = harness.Receive(bogus, Ms(2));

        Assert.Equal([ExchangeActionKind.ResponseRejected], actions.Kinds());
        Assert.Equal(ResponseOutcome.BogusOrigin, actions[0].Outcome);
        Assert.True(harness.Exchange.SocketOpen);

        // The genuine response still gets through afterwards.
        Assert.True(harness.Receive(harness.Respond(Ms(1), Theta, TimeInterval.Zero), Ms(2.5)).Has(ExchangeActionKind.ProcessSample));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Test3_zero_receive_or_transmit_is_rejected(int zeroField)
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => zeroField == 1 ? h with { Receive = NtpTimestamp.Zero } : h with { Transmit = NtpTimestamp.Zero });

        Assert.Equal(ResponseOutcome.ZeroTimestamp, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Response_before_any_request_fails_test2_even_with_a_zero_origin()
    {
        var harness = new ExchangeHarness();
        harness.Start();
        byte[] response = RespondTo(default, Ms(1), Theta, TimeInterval.Zero);

        Assert.Equal(ResponseOutcome.BogusOrigin, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Test5_authentication_hook_decides_and_failure_keeps_the_request_open()
    {
        var authenticator = new ScriptedAuthenticator { Answer = false };
        var harness = new ExchangeHarness(authenticator: authenticator);
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);

        Assert.Equal(ResponseOutcome.AuthenticationFailed, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
        authenticator.Answer = true;
        Assert.True(harness.Receive(response, Ms(2)).Has(ExchangeActionKind.ProcessSample));
        Assert.Equal(2, authenticator.Calls);
    }

    [Theory]
    [InlineData(LeapIndicator.Unsynchronized, 2)]
    [InlineData(LeapIndicator.NoWarning, 16)]
    [InlineData(LeapIndicator.NoWarning, 0)]
    public void Test6_unsynchronised_server_gives_no_sample_but_answers_the_request(LeapIndicator leap, byte stratum)
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with { Leap = leap, Stratum = stratum, ReferenceId = 0x494E4954 });

        ExchangeAction[] actions = harness.Receive(response, Ms(2));

        Assert.Equal(ResponseOutcome.Unsynchronized, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.True(actions.Has(ExchangeActionKind.CloseSocket));
        Assert.False(harness.Exchange.Reachability.IsReachable);
    }

    [Fact]
    public void Test7_root_distance_of_16_s_or_more_gives_no_sample()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with
        {
            RootDelay = NtpShort.FromInterval(TimeInterval.FromSeconds(20)),
            RootDispersion = NtpShort.FromInterval(TimeInterval.FromSeconds(6)),
        });

        Assert.Equal(ResponseOutcome.RootDistanceTooLarge, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Root_distance_just_below_16_s_passes_test7()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with
        {
            RootDelay = NtpShort.FromInterval(TimeInterval.FromSeconds(20)),
            RootDispersion = NtpShort.FromInterval(TimeInterval.FromSeconds(5.99)),
        });

        Assert.True(harness.Receive(response, Ms(2)).Has(ExchangeActionKind.ProcessSample));
    }

    [Fact]
    public void Only_one_response_per_request_is_accepted()
    {
        var harness = new ExchangeHarness();
        harness.GoodExchange(0, Theta);
        byte[] second = harness.Respond(Ms(1.5), Theta, TimeInterval.Zero);

        Assert.Equal(ResponseOutcome.AlreadyAnswered, harness.Receive(second, Ms(3)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Malformed_and_non_server_packets_are_rejected()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        Assert.Equal(ResponseOutcome.Malformed, harness.Receive(new byte[30], Ms(1)).Single(ExchangeActionKind.ResponseRejected).Outcome);
        byte[] symmetric = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with { Mode = NtpMode.SymmetricPassive });
        Assert.Equal(ResponseOutcome.NotServerMode, harness.Receive(symmetric, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void TestA_delay_beyond_maxdelay_gives_no_sample()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { MaxDelay = TimeInterval.FromMilliseconds(1) });
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);

        Assert.Equal(ResponseOutcome.DelayTooLarge, harness.Receive(response, Ms(2.5)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void TestA_server_holding_the_request_over_4_s_gives_no_sample()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.FromSeconds(4.001));

        Assert.Equal(ResponseOutcome.ResponseTimeTooLong, harness.Receive(response, Ms(4003)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void TestD_source_synchronised_to_us_gives_no_sample()
    {
        var harness = new ExchangeHarness();
        harness.Exchange.LocalReferenceId = 0x0AC80001;
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero, h => h with { Stratum = 3, ReferenceId = 0x0AC80001 });

        Assert.Equal(ResponseOutcome.SynchronizationLoop, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Responses_are_ignored_while_offline()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);
        harness.Exchange.GoOffline();

        Assert.Equal(ResponseOutcome.NotActive, harness.Receive(response, Ms(2)).Single(ExchangeActionKind.ResponseRejected).Outcome);
    }

    [Fact]
    public void Clock_step_between_request_and_response_moves_the_stored_t1()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        byte[] response = harness.Respond(Ms(1), Theta, TimeInterval.Zero);

        // The local clock is stepped forward by 5 ms: T4 is read on the new timescale.
        harness.Exchange.OnClockAdjusted(TimeInterval.FromMilliseconds(5));
        SourceSample sample = harness.Receive(response, Ms(7)).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(Theta - TimeInterval.FromMilliseconds(5), sample.Offset);
        Assert.Equal(TimeInterval.FromMilliseconds(2), sample.Delay);
    }
}
