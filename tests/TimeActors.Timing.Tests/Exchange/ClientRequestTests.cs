using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class ClientRequestTests
{
    [Fact]
    public void Request_carries_only_a_random_nonce_and_no_local_state()
    {
        var harness = new ExchangeHarness(randomStart: 0xDEAD_BEEF_0000_0001);

        harness.Send(Ms(0));
        NtpHeader request = harness.LastRequestHeader;

        Assert.Equal(0xDEAD_BEEF_0000_0001UL, request.Transmit.Raw);
        Assert.NotEqual(NtpTimestamp.FromSystemTime(Ms(0)).Seconds, request.Transmit.Seconds);
        Assert.Equal(
            new NtpHeader(LeapIndicator.NoWarning, 4, NtpMode.Client, 0, 6, 32, NtpShort.Zero, NtpShort.Zero, 0, NtpTimestamp.Zero, NtpTimestamp.Zero, NtpTimestamp.Zero, request.Transmit),
            request);

        // The real T1 stays local.
        Assert.Equal(Stamp(Ms(0), TimestampSource.Daemon), harness.Exchange.TransmitStamp);
    }

    [Fact]
    public void Each_request_gets_a_fresh_nonce()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        NtpTimestamp first = harness.LastRequestHeader.Transmit;

        harness.Send(Ms(64_000));

        Assert.NotEqual(first, harness.LastRequestHeader.Transmit);
    }

    [Theory]
    [InlineData(TimestampSource.Daemon, TimestampSource.Kernel, 0.010, true)]
    [InlineData(TimestampSource.Daemon, TimestampSource.Hardware, 0.020, true)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Hardware, 0.0, true)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Hardware, 1000.0, true)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Hardware, 1000.001, false)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Hardware, -0.001, false)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Kernel, 0.010, false)]
    [InlineData(TimestampSource.Hardware, TimestampSource.Kernel, 0.010, false)]
    [InlineData(TimestampSource.Kernel, TimestampSource.Daemon, 0.010, false)]
    public void Tx_stamp_replaces_the_old_one_only_if_better_and_0_to_1_s_later(TimestampSource current, TimestampSource candidate, double laterMs, bool replaces)
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        if (current != TimestampSource.Daemon)
        {
            harness.TxStamp(Ms(0.005), current);
        }

        PacketTimestamp before = harness.Exchange.TransmitStamp;
        harness.TxStamp(before.Time + TimeInterval.FromMilliseconds(laterMs), candidate);

        Assert.Equal(replaces, harness.Exchange.TransmitStamp != before);
        Assert.Equal(replaces ? candidate : current, harness.Exchange.TransmitStamp.Source);
    }

    [Fact]
    public void Tx_stamp_for_an_older_request_is_ignored()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        NtpTimestamp oldNonce = harness.LastRequestHeader.Transmit;
        harness.Send(Ms(64_000));

        harness.Exchange.OnTxStamp(oldNonce, Stamp(Ms(64_000.01), TimestampSource.Hardware));

        Assert.Equal(TimestampSource.Daemon, harness.Exchange.TransmitStamp.Source);
    }

    [Fact]
    public void Transmit_opens_a_socket_sends_and_arms_receive_and_next_transmit_timers()
    {
        var harness = new ExchangeHarness();
        ExchangeAction[] start = harness.Start();
        Assert.Equal(ExchangeTimer.Transmit, start.Single(ExchangeActionKind.ArmTimer).Timer);
        Assert.Equal(TimeInterval.FromMilliseconds(200), start[0].Delay);

        ExchangeAction[] actions = harness.Send(Ms(0));

        Assert.Equal(
            [ExchangeActionKind.OpenSocket, ExchangeActionKind.SendRequest, ExchangeActionKind.ArmTimer, ExchangeActionKind.ArmTimer],
            actions.Kinds());
        Assert.Equal((ExchangeTimer.Receive, TimeInterval.FromSeconds(7)), (actions[2].Timer, actions[2].Delay));
        Assert.Equal((ExchangeTimer.Transmit, TimeInterval.FromSeconds(64)), (actions[3].Timer, actions[3].Delay));
        Assert.Equal(48, actions[1].RequestLength);
    }

    [Fact]
    public void Next_transmission_closes_the_previous_per_request_socket_before_opening_a_new_one()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Send(Ms(64_000));

        Assert.Equal(
            [ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket, ExchangeActionKind.OpenSocket, ExchangeActionKind.SendRequest],
            actions.Kinds()[..4]);
    }

    [Fact]
    public void Stale_transmit_token_sends_nothing()
    {
        var harness = new ExchangeHarness();
        ulong token = harness.Start()[0].TimerToken;
        harness.Send(Ms(0));

        ExchangeAction[] again = harness.Exchange.Transmit(token, Ms(1), new byte[48]).ToArray();

        Assert.Empty(again);
    }

    [Fact]
    public void Receive_timeout_closes_the_socket()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Fire(ExchangeTimer.Receive);

        Assert.Equal([ExchangeActionKind.CloseSocket], actions.Kinds());
        Assert.False(harness.Exchange.SocketOpen);
    }

    [Fact]
    public void Receive_timer_with_an_old_token_is_ignored()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));
        ulong oldToken = harness.Token(ExchangeTimer.Receive);
        harness.Send(Ms(64_000));

        Assert.Empty(harness.Exchange.OnTimer(ExchangeTimer.Receive, oldToken).ToArray());
        Assert.True(harness.Exchange.SocketOpen);
    }

    [Fact]
    public void Reporting_the_transmit_timer_through_OnTimer_is_a_usage_error()
    {
        var harness = new ExchangeHarness();

        Assert.Throws<ArgumentException>(() => harness.Exchange.OnTimer(ExchangeTimer.Transmit, 1).ToArray());
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ClientExchange(new ClientExchangeOptions { MinPoll = 8, MaxPoll = 6 }, new SequenceRandom()));
        Assert.Throws<ArgumentException>(() => new ClientExchange(new ClientExchangeOptions { MaxPoll = 25 }, new SequenceRandom()));
        Assert.Throws<ArgumentException>(() => new ClientExchange(new ClientExchangeOptions { Version = 5 }, new SequenceRandom()));
    }
}
