using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;
using TimeActors.Timing.Wire;
using static TimeActors.Timing.Tests.Exchange.ExchangeHarness;

namespace TimeActors.Timing.Tests.Exchange;

public sealed class PollingAndKissTests
{
    private static readonly TimeInterval Theta = TimeInterval.FromMilliseconds(1);

    private static byte[] Kiss(ExchangeHarness harness, uint code, Func<NtpHeader, NtpHeader>? edit = null) =>
        harness.Respond(Ms(1), Theta, TimeInterval.Zero, h =>
        {
            NtpHeader kod = h with { Leap = LeapIndicator.Unsynchronized, Stratum = 0, ReferenceId = code };
            return edit?.Invoke(kod) ?? kod;
        });

    [Fact]
    public void Kod_rate_backs_off_the_poll_and_the_next_request()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { InitialBurst = true });
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Receive(Kiss(harness, KissCode.Rate), Ms(2));

        Assert.Equal(ResponseOutcome.KissRate, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(7, harness.Exchange.Poll);
        Assert.False(harness.Exchange.InBurst);
        ExchangeAction transmit = Assert.Single(actions, a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == ExchangeTimer.Transmit);
        Assert.Equal(TimeInterval.FromSeconds(4 * 128), transmit.Delay);
        Assert.True(actions.Has(ExchangeActionKind.CloseSocket));
        Assert.Equal(SourceActivity.Online, harness.Exchange.Activity);
    }

    [Theory]
    [InlineData(KissCode.Deny)]
    [InlineData(KissCode.Restrict)]
    public void Kod_deny_and_rstr_demobilise_the_source(uint code)
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Receive(Kiss(harness, code), Ms(2));

        Assert.Equal(ResponseOutcome.KissDenied, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(ExchangeActionKind.Demobilize, actions[^1].Kind);
        Assert.True(actions.Has(ExchangeActionKind.CloseSocket));
        Assert.Contains(actions, a => a.Kind == ExchangeActionKind.CancelTimer && a.Timer == ExchangeTimer.Transmit);
        Assert.Equal(SourceActivity.Demobilized, harness.Exchange.Activity);

        // Nothing brings it back.
        Assert.Empty(harness.Exchange.Start().ToArray());
        Assert.Empty(harness.Exchange.Transmit(harness.Token(ExchangeTimer.Transmit), Ms(64_000), new byte[48]).ToArray());
    }

    [Fact]
    public void Kod_that_fails_the_origin_test_is_ignored()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Receive(Kiss(harness, KissCode.Deny, h => h with { Origin = new NtpTimestamp(99) }), Ms(2));

        Assert.Equal(ResponseOutcome.BogusOrigin, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(SourceActivity.Online, harness.Exchange.Activity);
    }

    [Fact]
    public void Unknown_kiss_code_is_just_an_unsynchronised_response()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] actions = harness.Receive(Kiss(harness, 0x494E4954 /* INIT */), Ms(2));

        Assert.Equal(ResponseOutcome.Unsynchronized, actions.Single(ExchangeActionKind.ResponseRejected).Outcome);
        Assert.Equal(6, harness.Exchange.Poll);
    }

    [Fact]
    public void Reachability_shifts_per_request_and_marks_synchronised_responses()
    {
        var harness = new ExchangeHarness();
        harness.Exchange.HardwareTimestampingEnabled = false;
        harness.GoodExchange(0, Theta);
        Assert.Equal(0b1, harness.Exchange.Reachability.Bits);

        harness.Send(Ms(64_000)); // unanswered
        harness.GoodExchange(128_000, Theta);
        Assert.Equal(0b101, harness.Exchange.Reachability.Bits);
        Assert.Equal("5", harness.Exchange.Reachability.ToString());

        for (int i = 3; i < 11; i++)
        {
            harness.Send(Ms(i * 64_000.0));
        }

        Assert.False(harness.Exchange.Reachability.IsReachable);
    }

    [Fact]
    public void Poll_backs_off_while_the_server_is_silent_but_never_beyond_maxpoll()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { MinPoll = 4, MaxPoll = 6 });
        var polls = new List<int>();
        for (int i = 0; i < 40; i++)
        {
            harness.Send(Ms(i * 100_000.0));
            polls.Add(harness.Exchange.Poll);
        }

        // From the second request on, each one follows an unanswered one: +0.25 per request.
        Assert.Equal([4, 4, 4, 4, 5], polls.Take(5));
        Assert.Equal(6, polls.Max());
        Assert.Equal(6, polls[^1]);
    }

    [Fact]
    public void Silence_from_the_selected_source_backs_off_more_gently()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { MinPoll = 4, MaxPoll = 8 });
        harness.Exchange.SelectedForSynchronization = true;
        for (int i = 0; i < 6; i++)
        {
            harness.Send(Ms(i * 100_000.0));
        }

        Assert.Equal(4, harness.Exchange.Poll); // 5 x 0.1 so far
        Assert.Equal(0.5, harness.Exchange.PollControl.Score, 9);
    }

    [Fact]
    public void Valid_responses_without_a_sample_lengthen_the_poll_slowly()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { MinPoll = 4, MaxPoll = 8 });
        var polls = new List<int>();
        for (int i = 0; i < 12; i++)
        {
            harness.Send(Ms(i * 100_000.0));
            harness.Receive(harness.Respond(Ms((i * 100_000.0) + 1), Theta, TimeInterval.Zero, h => h with { Leap = LeapIndicator.Unsynchronized }), Ms((i * 100_000.0) + 2));
            polls.Add(harness.Exchange.Poll);
        }

        Assert.Equal(4, polls[8]); // 9 x 0.1
        Assert.Equal(5, polls[11]); // 12 x 0.1
    }

    [Fact]
    public void Poll_adjustments_move_by_whole_units_and_stay_within_minpoll_and_maxpoll()
    {
        var poll = new PollController(6, 10);

        poll.Adjust(0.6);
        Assert.Equal(6, poll.Poll);
        poll.Adjust(0.6);
        Assert.Equal(7, poll.Poll);
        poll.Adjust(10);
        Assert.Equal((10, 1.0), (poll.Poll, poll.Score));
        poll.Adjust(-0.5);
        Assert.Equal(10, poll.Poll);
        poll.Adjust(-1.0);
        Assert.Equal(9, poll.Poll);
        poll.Adjust(-100);
        Assert.Equal((6, 0.0), (poll.Poll, poll.Score));
    }

    [Theory]
    [InlineData(0.004, 0.001, 10, 8, -2.0)] // missed the prediction by 4x the distance: back off two levels
    [InlineData(0.0005, 0.001, 8, 8, 0.0)] // on target
    [InlineData(0.0005, 0.001, 16, 8, 0.125)] // twice the target samples: lengthen slowly
    [InlineData(0.0005, 0.001, 4, 8, -0.125)] // half the target: shorten twice as fast
    public void Poll_adjustment_for_a_sample_follows_chronys_rule(double error, double distance, int samples, int target, double expected)
    {
        Assert.Equal(expected, PollController.AdjustmentForSample(error, distance, samples, target), 9);
    }

    [Fact]
    public void Statistics_can_adjust_the_poll_through_the_exchange()
    {
        var harness = new ExchangeHarness();
        harness.Exchange.AdjustPoll(2.5);

        harness.Send(Ms(0));

        Assert.Equal(8, harness.Exchange.Poll);
        Assert.Equal((sbyte)8, harness.LastRequestHeader.Poll);
        Assert.Equal(TimeInterval.FromSeconds(256), harness.History.FindLast(a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == ExchangeTimer.Transmit).Delay);
    }

    [Fact]
    public void Iburst_sends_quickly_until_four_good_samples_then_returns_to_the_poll_interval()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { InitialBurst = true });
        harness.Exchange.HardwareTimestampingEnabled = false;
        var delays = new List<TimeInterval>();
        for (int i = 0; i < 4; i++)
        {
            ExchangeAction[] sent = harness.Send(Ms(i * 2000.0));
            delays.Add(Array.Find(sent, a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == ExchangeTimer.Transmit).Delay);
            ExchangeAction[] received = harness.Receive(harness.Respond(Ms((i * 2000.0) + 1), Theta, TimeInterval.Zero), Ms((i * 2000.0) + 2));
            Assert.True(received.Has(ExchangeActionKind.ProcessSample));
            if (i == 3)
            {
                // The burst is over: the next request goes one poll interval after the last one.
                ExchangeAction rearm = Assert.Single(received, a => a.Kind == ExchangeActionKind.ArmTimer);
                Assert.Equal(TimeInterval.FromSeconds(64) - TimeInterval.FromMilliseconds(2), rearm.Delay);
            }
        }

        Assert.All(delays, d => Assert.Equal(TimeInterval.FromSeconds(2), d));
        Assert.False(harness.Exchange.InBurst);
    }

    [Fact]
    public void Iburst_stops_after_eight_requests_even_without_good_samples()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { InitialBurst = true });
        var delays = new List<TimeInterval>();
        for (int i = 0; i < 9; i++)
        {
            ExchangeAction[] sent = harness.Send(Ms(i * 2000.0));
            delays.Add(Array.Find(sent, a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == ExchangeTimer.Transmit).Delay);
        }

        Assert.All(delays.Take(7), d => Assert.Equal(TimeInterval.FromSeconds(2), d));
        Assert.True(delays[7] >= TimeInterval.FromSeconds(64));
        Assert.False(harness.Exchange.InBurst);
    }

    [Fact]
    public void Burst_interval_is_at_most_a_quarter_of_a_short_poll()
    {
        var harness = new ExchangeHarness(new ClientExchangeOptions { InitialBurst = true, MinPoll = 2, MaxPoll = 4 });

        ExchangeAction[] sent = harness.Send(Ms(0));

        Assert.Equal(TimeInterval.FromSeconds(1), Array.Find(sent, a => a.Kind == ExchangeActionKind.ArmTimer && a.Timer == ExchangeTimer.Transmit).Delay);
    }

    [Fact]
    public void Sub_second_polls_are_supported()
    {
        Assert.Equal(TimeInterval.FromMilliseconds(15.625), ClientExchange.PollInterval(-6));
        Assert.Equal(TimeInterval.FromSeconds(1024), ClientExchange.PollInterval(10));
    }

    [Fact]
    public void Going_offline_cancels_timers_and_closes_the_socket_and_start_resumes()
    {
        var harness = new ExchangeHarness();
        harness.Send(Ms(0));

        ExchangeAction[] offline = harness.Exchange.GoOffline().ToArray();

        Assert.Equal([ExchangeActionKind.CancelTimer, ExchangeActionKind.CloseSocket, ExchangeActionKind.CancelTimer], offline.Kinds());
        Assert.Equal(SourceActivity.Offline, harness.Exchange.Activity);
        Assert.True(harness.Start().Arms(ExchangeTimer.Transmit));
        Assert.Equal(SourceActivity.Online, harness.Exchange.Activity);
    }
}
