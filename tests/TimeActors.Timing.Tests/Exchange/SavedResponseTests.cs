using TimeActors.Timing.Exchange;
using TimeActors.Timing.Sources;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

/// <summary>One test (at least) per rule of ARCHITECTURE.md §4 / chrony-internals.md §2.4.</summary>
public sealed class SavedResponseTests
{
    private static readonly TimeInterval Theta = TimeInterval.FromMilliseconds(-3.5);
    private const double T1 = 64_000;

    /// <summary>A source with one good sample behind it (kernel stamps only) and a fresh request in flight.</summary>
    private static ExchangeHarness Primed(ClientExchangeOptions? options = null, IResponseAuthenticator? authenticator = null)
    {
        var harness = new ExchangeHarness(options, authenticator);
        Assert.True(harness.GoodExchange(0, Theta).Has(ExchangeActionKind.ProcessSample));
        harness.Send(Ms(T1));
        harness.TxStamp(Ms(T1 + 0.02), TimestampSource.Kernel);
        return harness;
    }

    /// <summary>The response to the request in flight: 1 ms out, 0.1 ms hold, 1 ms back (arrives at T1 + 2.1 ms).</summary>
    private static byte[] Response(ExchangeHarness harness, TimeInterval? offset = null, Func<NtpHeader, NtpHeader>? edit = null) =>
        harness.Respond(Ms(T1 + 1), offset ?? Theta, TimeInterval.FromMicroseconds(100), edit);

    private static SystemTime Arrival => Ms(T1 + 2.1);

    [Fact]
    public void Save_when_every_condition_holds_arms_the_timeout_and_keeps_the_socket_open()
    {
        ExchangeHarness harness = Primed();

        ExchangeAction[] actions = harness.Receive(Response(harness), Arrival);

        Assert.Equal([ExchangeActionKind.ArmTimer, ExchangeActionKind.ResponseSaved], actions.Kinds());
        Assert.Equal((ExchangeTimer.SavedResponse, TimeInterval.FromMilliseconds(1)), (actions[0].Timer, actions[0].Delay));
        Assert.Equal(SavedResponseState.Waiting, harness.Exchange.SavedState);
        Assert.True(harness.Exchange.SocketOpen);
    }

    [Fact]
    public void Saving_does_not_wait_for_a_first_hardware_tx_stamp_only_for_hw_timestamping_enabled()
    {
        ExchangeHarness harness = Primed();
        Assert.DoesNotContain(harness.History, a => a.Kind == ExchangeActionKind.ProcessSample && a.Sample.TxSource == TimestampSource.Hardware);

        Assert.True(harness.Receive(Response(harness), Arrival).Has(ExchangeActionKind.ResponseSaved));
    }

    [Fact]
    public void Not_saved_when_the_response_is_not_synchronised()
    {
        ExchangeHarness harness = Primed();

        ExchangeAction[] actions = harness.Receive(Response(harness, edit: h => h with { Leap = LeapIndicator.Unsynchronized }), Arrival);

        Assert.Equal(ResponseOutcome.Unsynchronized, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
    }

    [Fact]
    public void Not_saved_when_the_response_is_not_valid()
    {
        ExchangeHarness harness = Primed();

        ExchangeAction[] actions = harness.Receive(Response(harness, edit: h => h with { Origin = new NtpTimestamp(42) }), Arrival);

        Assert.Equal(ResponseOutcome.BogusOrigin, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
    }

    [Fact]
    public void Not_saved_when_hardware_timestamping_is_disabled_everywhere()
    {
        ExchangeHarness harness = Primed();
        harness.Exchange.HardwareTimestampingEnabled = false;

        ExchangeAction[] actions = harness.Receive(Response(harness), Arrival);

        Assert.Equal(SavedResponseRelease.NotSaved, actions.Single(ExchangeActionKind.ProcessSample).Release);
    }

    [Fact]
    public void Not_saved_when_the_request_tx_stamp_is_already_hardware()
    {
        ExchangeHarness harness = Primed();
        harness.TxStamp(Ms(T1 + 0.03), TimestampSource.Hardware);

        SourceSample sample = harness.Receive(Response(harness), Arrival).Single(ExchangeActionKind.ProcessSample).Sample;

        Assert.Equal(TimestampSource.Hardware, sample.TxSource);
    }

    [Fact]
    public void Not_saved_for_a_new_source_without_a_good_sample()
    {
        var harness = new ExchangeHarness();
        Assert.True(harness.Exchange.HardwareTimestampingEnabled);

        ExchangeAction[] actions = harness.GoodExchange(0, Theta);

        Assert.Equal(SavedResponseRelease.NotSaved, actions.Single(ExchangeActionKind.ProcessSample).Release);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
    }

    [Fact]
    public void Not_saved_when_the_request_socket_is_already_closed()
    {
        ExchangeHarness harness = Primed();
        harness.Fire(ExchangeTimer.Receive);

        ExchangeAction[] actions = harness.Receive(Response(harness), Arrival);

        Assert.Equal(SavedResponseRelease.NotSaved, actions.Single(ExchangeActionKind.ProcessSample).Release);
        Assert.False(actions.Has(ExchangeActionKind.CloseSocket));
    }

    [Fact]
    public void Timeout_zero_disables_saving()
    {
        ExchangeHarness harness = Primed(new ClientExchangeOptions { SavedResponseTimeout = TimeInterval.Zero });

        Assert.True(harness.Receive(Response(harness), Arrival).Has(ExchangeActionKind.ProcessSample));
    }

    [Fact]
    public void Timeout_is_configurable()
    {
        ExchangeHarness harness = Primed(new ClientExchangeOptions { SavedResponseTimeout = TimeInterval.FromMilliseconds(10) });

        ExchangeAction[] actions = harness.Receive(Response(harness), Arrival);

        Assert.Equal(TimeInterval.FromMilliseconds(10), actions.Single(ExchangeActionKind.ArmTimer).Delay);
    }

    [Fact]
    public void Only_the_first_valid_response_to_a_request_is_saved()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);
        harness.TxStamp(Ms(T1 + 0.05), TimestampSource.Hardware); // released and processed: the request is answered

        ExchangeAction[] late = harness.Receive(Response(harness, TimeInterval.FromMilliseconds(1)), Ms(T1 + 3));

        Assert.Equal([ExchangeActionKind.ResponseRejected], late.Kinds());
        Assert.Equal(ResponseOutcome.AlreadyAnswered, late[0].Outcome);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    public void Save_rule_needs_every_condition(int brokenCondition, bool expected)
    {
        bool[] ok = [true, true, true, true, true, true, true];
        if (brokenCondition >= 0)
        {
            ok[brokenCondition] = false;
        }

        bool result = SavedResponseRules.ShouldSave(
            valid: ok[0],
            synchronized: ok[1],
            requestAlreadyAnswered: !ok[2],
            hardwareTimestampingEnabled: ok[3],
            requestTxStampIsHardware: !ok[4],
            goodSampleCount: ok[5] ? 1 : 0,
            timeoutPositive: ok[6]);

        Assert.Equal(expected, result);
    }

    [Fact]
    public void Release_on_the_hardware_tx_stamp_processes_it_with_the_hardware_t1()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.TxStamp(Ms(T1 + 0.05), TimestampSource.Hardware);

        Assert.Equal(
            [ExchangeActionKind.CancelTimer, ExchangeActionKind.ProcessSample, ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket],
            actions.Kinds());
        Assert.Equal(ExchangeTimer.SavedResponse, actions[0].Timer);
        SourceSample sample = actions[1].Sample;
        Assert.Equal(SavedResponseRelease.HardwareTxStamp, actions[1].Release);
        Assert.Equal(TimestampSource.Hardware, sample.TxSource);
        Assert.Equal(TimeInterval.FromMicroseconds(2000 - 50), sample.Delay); // T4 - T1(hw) - hold
        Assert.Equal(Theta - TimeInterval.FromMicroseconds(25), sample.Offset); // a later T1 by 50 µs moves the offset by half
        Assert.Equal(1, harness.Exchange.SavedByHardwareStampCount);
    }

    [Fact]
    public void A_kernel_stamp_while_waiting_upgrades_t1_but_does_not_release()
    {
        var harness = new ExchangeHarness();
        harness.GoodExchange(0, Theta);
        harness.Send(Ms(T1));
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.TxStamp(Ms(T1 + 0.02), TimestampSource.Kernel);

        Assert.Empty(actions);
        Assert.Equal(SavedResponseState.Waiting, harness.Exchange.SavedState);
        Assert.Equal(TimestampSource.Kernel, harness.Exchange.TransmitStamp.Source);
    }

    [Fact]
    public void Release_on_timeout_uses_the_best_stamp_available_then()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Fire(ExchangeTimer.SavedResponse);

        ExchangeAction processed = actions.Single(ExchangeActionKind.ProcessSample);
        Assert.Equal(SavedResponseRelease.Timeout, processed.Release);
        Assert.Equal(TimestampSource.Kernel, processed.Sample.TxSource);
        Assert.Equal(TimeInterval.FromMicroseconds(2000 - 20), processed.Sample.Delay);
        Assert.True(actions.Has(ExchangeActionKind.CloseSocket));
        Assert.Equal(1, harness.Exchange.SavedByTimeoutCount);
    }

    [Fact]
    public void Release_on_timeout_without_any_kernel_stamp_uses_the_daemon_t1()
    {
        var harness = new ExchangeHarness();
        harness.GoodExchange(0, Theta);
        harness.Send(Ms(T1));
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Fire(ExchangeTimer.SavedResponse);

        Assert.Equal(TimestampSource.Daemon, actions.Single(ExchangeActionKind.ProcessSample).Sample.TxSource);
    }

    [Fact]
    public void A_timeout_reported_after_the_release_is_ignored()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);
        ulong staleToken = harness.Token(ExchangeTimer.SavedResponse);
        harness.TxStamp(Ms(T1 + 0.05), TimestampSource.Hardware);

        Assert.Empty(harness.Exchange.OnTimer(ExchangeTimer.SavedResponse, staleToken).ToArray());
        Assert.Equal(2, harness.Exchange.GoodSampleCount);
    }

    [Fact]
    public void Release_before_the_next_transmission()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Send(Ms(T1 + 0.5));

        Assert.Equal(
            [
                ExchangeActionKind.CancelTimer, ExchangeActionKind.ProcessSample, ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket,
                ExchangeActionKind.OpenSocket, ExchangeActionKind.SendRequest, ExchangeActionKind.ArmTimer, ExchangeActionKind.ArmTimer,
            ],
            actions.Kinds());
        Assert.Equal(SavedResponseRelease.NextTransmission, actions[1].Release);
        Assert.Equal(1, harness.Exchange.SavedByTransmissionCount);
    }

    [Fact]
    public void Discarded_when_the_socket_is_closed_by_the_receive_timeout()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Fire(ExchangeTimer.Receive);

        Assert.Equal([ExchangeActionKind.CancelTimer, ExchangeActionKind.SavedResponseDiscarded, ExchangeActionKind.CloseSocket], actions.Kinds());
        Assert.Equal(ExchangeTimer.SavedResponse, actions[0].Timer);
        Assert.Empty(harness.TxStamp(Ms(T1 + 0.05), TimestampSource.Hardware));
        Assert.Equal(1, harness.Exchange.SavedDiscardedCount);
    }

    [Fact]
    public void Discarded_when_the_actor_reports_the_socket_closed()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Exchange.OnSocketClosed().ToArray();

        Assert.Contains(actions, a => a.Kind == ExchangeActionKind.SavedResponseDiscarded);
        Assert.DoesNotContain(actions, a => a.Kind is ExchangeActionKind.ProcessSample or ExchangeActionKind.CloseSocket);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
    }

    [Fact]
    public void Discarded_when_the_source_goes_offline()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Exchange.GoOffline().ToArray();

        Assert.Contains(actions, a => a.Kind == ExchangeActionKind.SavedResponseDiscarded);
        Assert.Contains(actions, a => a.Kind == ExchangeActionKind.CloseSocket);
        Assert.DoesNotContain(actions, a => a.Kind == ExchangeActionKind.ProcessSample);
        Assert.Empty(harness.Exchange.OnTimer(ExchangeTimer.SavedResponse, harness.Token(ExchangeTimer.SavedResponse)).ToArray());
    }

    [Fact]
    public void The_socket_is_never_closed_while_a_response_waits()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        // Invalid traffic meanwhile neither releases nor closes.
        ExchangeAction[] junk = harness.Receive(Response(harness, edit: h => h with { Origin = new NtpTimestamp(7) }), Ms(T1 + 2.2));
        ExchangeAction[] malformed = harness.Receive(new byte[10], Ms(T1 + 2.3));

        Assert.Equal([ExchangeActionKind.ResponseRejected], junk.Kinds());
        Assert.Equal([ExchangeActionKind.ResponseRejected], malformed.Kinds());
        Assert.True(harness.Exchange.SocketOpen);
        Assert.Equal(SavedResponseState.Waiting, harness.Exchange.SavedState);
    }

    [Fact]
    public void A_second_valid_response_processes_both_at_once_in_arrival_order()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);
        byte[] second = Response(harness, TimeInterval.FromMilliseconds(50));

        ExchangeAction[] actions = harness.Receive(second, Ms(T1 + 2.5));

        Assert.Equal(
            [ExchangeActionKind.CancelTimer, ExchangeActionKind.ProcessSample, ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket, ExchangeActionKind.ResponseRejected],
            actions.Kinds());
        Assert.Equal(SavedResponseRelease.SecondResponse, actions[1].Release);
        Assert.Equal(Theta - TimeInterval.FromMicroseconds(10), actions[1].Sample.Offset); // the first response's offset (kernel T1)
        Assert.Equal(ResponseOutcome.AlreadyAnswered, actions[4].Outcome);
        Assert.Equal(SavedResponseState.Empty, harness.Exchange.SavedState);
        Assert.Equal(1, harness.Exchange.SavedBySecondResponseCount);
    }

    [Fact]
    public void Kod_rate_while_waiting_processes_the_saved_response_first()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Receive(Response(harness, edit: h => h with { Leap = LeapIndicator.Unsynchronized, Stratum = 0, ReferenceId = KissCode.Rate }), Ms(T1 + 3));

        Assert.Equal(SavedResponseRelease.SecondResponse, actions.Single(ExchangeActionKind.ProcessSample).Release);
        Assert.Equal(ResponseOutcome.KissRate, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.True(Array.FindIndex(actions, a => a.Kind == ExchangeActionKind.ProcessSample) < Array.FindIndex(actions, a => a.Kind == ExchangeActionKind.ResponseRejected));
    }

    [Fact]
    public void Kod_deny_while_waiting_discards_the_saved_response()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);

        ExchangeAction[] actions = harness.Receive(Response(harness, edit: h => h with { Leap = LeapIndicator.Unsynchronized, Stratum = 0, ReferenceId = KissCode.Deny }), Ms(T1 + 3));

        Assert.True(actions.Has(ExchangeActionKind.SavedResponseDiscarded));
        Assert.False(actions.Has(ExchangeActionKind.ProcessSample));
        Assert.Equal(SourceActivity.Demobilized, harness.Exchange.Activity);
    }

    [Fact]
    public void Authentication_is_not_checked_again_on_release()
    {
        var authenticator = new ScriptedAuthenticator();
        ExchangeHarness harness = Primed(authenticator: authenticator);
        int callsBefore = authenticator.Calls;
        harness.Receive(Response(harness), Arrival);

        // Were it checked again (NTS: one authentication per request), this answer would fail it.
        authenticator.Answer = false;
        ExchangeAction[] actions = harness.TxStamp(Ms(T1 + 0.05), TimestampSource.Hardware);

        Assert.True(actions.Has(ExchangeActionKind.ProcessSample));
        Assert.Equal(callsBefore + 1, authenticator.Calls);
    }

    [Fact]
    public void Clock_step_while_waiting_moves_the_stored_rx_stamp()
    {
        ExchangeHarness harness = Primed();
        harness.Receive(Response(harness), Arrival);
        TimeInterval step = TimeInterval.FromMilliseconds(5);

        harness.Exchange.OnClockAdjusted(step);

        Assert.Equal(Arrival + step, harness.Exchange.SavedResponseRxStamp.Time);
        SourceSample sample = harness.TxStamp(Ms(T1 + 0.05) + step, TimestampSource.Hardware).Single(ExchangeActionKind.ProcessSample).Sample;
        Assert.Equal(TimeInterval.FromMicroseconds(2000 - 50), sample.Delay);
        Assert.Equal(Theta - TimeInterval.FromMicroseconds(25) - step, sample.Offset);
        Assert.Equal(Ms(T1 + ((0.05 + 2.1) / 2)) + step, sample.LocalTime);
    }

    [Fact]
    public void Many_sources_wait_at_once_with_overlapping_timeouts_independently()
    {
        TimeInterval[] timeouts = [TimeInterval.FromMilliseconds(1), TimeInterval.FromMilliseconds(5), TimeInterval.FromMilliseconds(3)];
        TimeInterval[] offsets = [TimeInterval.FromMilliseconds(1), TimeInterval.FromMilliseconds(-2), TimeInterval.FromMilliseconds(7)];
        var sources = new ExchangeHarness[3];
        for (int i = 0; i < sources.Length; i++)
        {
            sources[i] = new ExchangeHarness(new ClientExchangeOptions { SavedResponseTimeout = timeouts[i] }, randomStart: (ulong)(i + 1) << 40);
            sources[i].GoodExchange(0, offsets[i]);
            sources[i].Send(Ms(T1));
            Assert.True(sources[i].Receive(sources[i].Respond(Ms(T1 + 1), offsets[i], TimeInterval.Zero), Ms(T1 + 2)).Has(ExchangeActionKind.ResponseSaved));
        }

        Assert.All(sources, s => Assert.Equal(SavedResponseState.Waiting, s.Exchange.SavedState));

        // Source 1's HW stamp, then source 0's timeout, then source 2 is released by its next poll.
        ExchangeAction hardware = sources[1].TxStamp(Ms(T1 + 0.01), TimestampSource.Hardware).Single(ExchangeActionKind.ProcessSample);
        Assert.Equal(SavedResponseState.Waiting, sources[0].Exchange.SavedState);
        Assert.Equal(SavedResponseState.Waiting, sources[2].Exchange.SavedState);
        ExchangeAction timeout = sources[0].Fire(ExchangeTimer.SavedResponse).Single(ExchangeActionKind.ProcessSample);
        Assert.Equal(SavedResponseState.Waiting, sources[2].Exchange.SavedState);
        ExchangeAction transmission = sources[2].Send(Ms(T1 + 2.5)).Single(ExchangeActionKind.ProcessSample);

        Assert.Equal((SavedResponseRelease.HardwareTxStamp, offsets[1] - TimeInterval.FromMicroseconds(5)), (hardware.Release, hardware.Sample.Offset));
        Assert.Equal((SavedResponseRelease.Timeout, offsets[0]), (timeout.Release, timeout.Sample.Offset));
        Assert.Equal((SavedResponseRelease.NextTransmission, offsets[2]), (transmission.Release, transmission.Sample.Offset));
    }
}
