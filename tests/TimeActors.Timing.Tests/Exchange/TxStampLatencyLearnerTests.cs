using FsCheck;
using FsCheck.Fluent;
using TimeActors.Timing.Exchange;
using TimeActors.Timing.Tests.Wire;

namespace TimeActors.Timing.Tests.Exchange;

/// <summary><c>hwts-timeout = auto</c>: the per-interface TX stamp latency learner.</summary>
public sealed class TxStampLatencyLearnerTests
{
    private const long Ms = 1_000_000;
    private const long Poll64s = 64_000_000_000;
    private const long Poll1s = 1_000_000_000;

    [Theory]
    [InlineData(6, 1_000_000_000)] // 64 s / 8 = 8 s, capped at the 1 s a TX stamp may trail its send
    [InlineData(0, 125_000_000)] // 1 s / 8
    [InlineData(-6, 1_953_125)] // 15.625 ms / 8
    public void The_poll_bound_is_an_eighth_of_the_poll_interval_and_at_most_one_second(int poll, long expectedNs)
    {
        var learner = new TxStampLatencyLearner();
        Assert.Equal(expectedNs, learner.PollBoundNs(ClientExchange.PollInterval(poll).Nanoseconds));
    }

    [Fact]
    public void Before_enough_stamps_the_wait_is_the_poll_bound()
    {
        var learner = new TxStampLatencyLearner();
        Assert.Equal(TxStampLatencyPhase.Start, learner.Phase);
        Assert.Equal(125 * Ms, learner.TimeoutNs(Poll1s));

        for (int i = 0; i < learner.Options.MinObservations - 1; i++)
        {
            learner.ObserveLatency(2 * Ms);
        }

        Assert.Equal(TxStampLatencyPhase.Start, learner.Phase);
        Assert.Equal(125 * Ms, learner.TimeoutNs(Poll1s));

        learner.ObserveLatency(2 * Ms);
        Assert.Equal(TxStampLatencyPhase.Learned, learner.Phase);
        Assert.Equal(2_500_000, learner.TimeoutNs(Poll1s)); // 2 ms x 1.25
    }

    [Fact]
    public void The_timeout_is_the_quantile_of_the_arrivals_with_the_margin()
    {
        // 100 latencies 0.05, 0.10, ... 5.00 ms: the 0.99 quantile is the 99th smallest, 4.95 ms.
        var learner = new TxStampLatencyLearner();
        foreach (long latency in Enumerable.Range(1, 100).Select(i => i * 50_000L).Reverse())
        {
            learner.ObserveLatency(latency);
        }

        Assert.Equal(6_187_500, learner.LearnedLatencyNs); // 4.95 ms x 1.25
        Assert.Equal(6_187_500, learner.TimeoutNs(Poll64s));
    }

    [Fact]
    public void Missing_stamps_are_counted_apart_and_do_not_drive_the_timeout_to_the_bound()
    {
        var withMissing = new TxStampLatencyLearner();
        var arrivalsOnly = new TxStampLatencyLearner();
        for (int i = 0; i < 100; i++)
        {
            withMissing.ObserveLatency((1 + (i % 4)) * Ms / 2);
            arrivalsOnly.ObserveLatency((1 + (i % 4)) * Ms / 2);
            if (i % 4 == 0)
            {
                withMissing.ObserveMissing();
            }
        }

        Assert.Equal(25, withMissing.MissingTotal);
        Assert.Equal(100, withMissing.ArrivedTotal);
        Assert.Equal(25, withMissing.MissingInWindow);
        Assert.Equal(TxStampLatencyPhase.Learned, withMissing.Phase);
        Assert.Equal(2_500_000, withMissing.TimeoutNs(Poll64s)); // 2 ms x 1.25, far below the 1 s bound
        Assert.Equal(arrivalsOnly.TimeoutNs(Poll64s), withMissing.TimeoutNs(Poll64s));
    }

    [Fact]
    public void A_nic_that_delivers_no_hardware_tx_stamps_falls_back_to_the_floor()
    {
        var learner = new TxStampLatencyLearner();
        for (int i = 0; i < learner.Options.MinObservations; i++)
        {
            Assert.Equal(1_000_000_000, learner.TimeoutNs(Poll64s));
            learner.ObserveMissing();
        }

        Assert.Equal(TxStampLatencyPhase.StampsTooRare, learner.Phase);
        Assert.Equal(learner.Options.FloorNs, learner.TimeoutNs(Poll64s));
    }

    [Fact]
    public void A_fast_nic_waits_the_floor_and_a_slow_one_at_most_the_poll_bound()
    {
        var fast = new TxStampLatencyLearner();
        var slow = new TxStampLatencyLearner();
        for (int i = 0; i < 64; i++)
        {
            fast.ObserveLatency(30_000 + (i * 100));
            slow.ObserveLatency(40 * Ms);
        }

        Assert.Equal(1 * Ms, fast.TimeoutNs(Poll64s));
        Assert.Equal(50 * Ms, slow.TimeoutNs(Poll64s));
        Assert.Equal(1_953_125, slow.TimeoutNs(ClientExchange.PollInterval(-6).Nanoseconds));
    }

    [Fact]
    public void Old_behaviour_ages_out_after_one_window()
    {
        var learner = new TxStampLatencyLearner();
        for (int i = 0; i < 200; i++)
        {
            learner.ObserveLatency(8 * Ms);
        }

        // Faster now: the old slow values dominate while more than 1 % of the window is slow.
        for (int i = 0; i < learner.Options.WindowSize - 2; i++)
        {
            learner.ObserveLatency(2 * Ms);
        }

        Assert.Equal(10 * Ms, learner.TimeoutNs(Poll64s));
        learner.ObserveLatency(2 * Ms);
        Assert.Equal(2_500_000, learner.TimeoutNs(Poll64s));
        learner.ObserveLatency(2 * Ms);

        // Slower again: followed as soon as two slow stamps (over 1 % of the window) are seen.
        learner.ObserveLatency(6 * Ms);
        Assert.Equal(2_500_000, learner.TimeoutNs(Poll64s));
        learner.ObserveLatency(6 * Ms);
        Assert.Equal(7_500_000, learner.TimeoutNs(Poll64s));
    }

    /// <summary>
    /// For a stationary latency distribution (uniform, or a floor plus an exponential tail), whatever
    /// order its values arrive in, the learned timeout covers at least the configured quantile. The
    /// window holds a stratified sample (the distribution's quantiles at (i + 0.5)/n), so the check is
    /// about the learner and not about sampling luck.
    /// </summary>
    [Fact]
    public void The_learned_timeout_covers_the_configured_quantile_of_a_stationary_distribution()
    {
        Gen<(bool Exponential, int LowUs, int SpreadUs, int Seed)> gen =
            from exponential in Gen.Elements(false, true)
            from lowUs in Gen.Choose(0, 5_000)
            from spreadUs in Gen.Choose(1, 20_000)
            from seed in Gen.Choose(0, int.MaxValue)
            select (exponential, lowUs, spreadUs, seed);

        Prop.ForAll(gen.ToArbitrary(), d =>
            {
                var learner = new TxStampLatencyLearner();
                int n = learner.Options.WindowSize;
                double low = d.LowUs * 1e3;
                double spread = d.SpreadUs * 1e3;
                double Inverse(double p) => d.Exponential ? low - (spread * Math.Log(1 - p)) : low + (spread * p);
                double Cdf(double x) => x < low ? 0 : d.Exponential ? 1 - Math.Exp(-(x - low) / spread) : Math.Min(1, (x - low) / spread);

                var rng = new Random(d.Seed);
                foreach (double latency in Enumerable.Range(0, n).Select(i => Inverse((i + 0.5) / n)).OrderBy(_ => rng.Next()))
                {
                    learner.ObserveLatency((long)latency);
                }

                long timeout = learner.TimeoutNs(Poll64s);
                bool atBound = timeout == learner.PollBoundNs(Poll64s);
                return atBound || Cdf(timeout) >= learner.Options.Quantile;
            })
            .Check(PropertyConfig.Deterministic(300));
    }

    /// <summary>Any mix of latencies (huge ones too) and missing stamps, any poll: the wait stays within [min(floor, bound), bound].</summary>
    [Fact]
    public void The_timeout_never_leaves_the_floor_and_the_poll_bound()
    {
        Gen<(long[] Outcomes, int Poll)> gen =
            from outcomes in Gen.ArrayOf(Gen.OneOf(Gen.Choose(-1, 5_000_000).Select(v => (long)v), Gen.Choose(0, int.MaxValue).Select(v => (long)v * 1000)))
            from poll in Gen.Choose(ClientExchange.LowestPoll, 17)
            select (outcomes, poll);

        Prop.ForAll(gen.ToArbitrary(), c =>
            {
                var learner = new TxStampLatencyLearner();
                long poll_ns = ClientExchange.PollInterval(c.Poll).Nanoseconds;
                long bound = learner.PollBoundNs(poll_ns);
                foreach (long outcome in c.Outcomes)
                {
                    if (outcome < 0)
                    {
                        learner.ObserveMissing();
                    }
                    else
                    {
                        learner.ObserveLatency(outcome);
                    }

                    long timeout = learner.TimeoutNs(poll_ns);
                    if (timeout > bound || timeout < Math.Min(learner.Options.FloorNs, bound))
                    {
                        return false;
                    }
                }

                return true;
            })
            .Check(PropertyConfig.Deterministic(300));
    }

    /// <summary>
    /// A NIC that got slower or faster: after one window of the new behaviour, what was learned before
    /// has no influence left (the timeout equals a fresh learner's on the new outcomes alone).
    /// </summary>
    [Fact]
    public void After_a_window_of_new_behaviour_the_old_one_is_forgotten()
    {
        Gen<(int[] Before, int[] After)> gen =
            from before in Gen.ArrayOf(Gen.Choose(-1, 50_000))
            from after in Gen.ArrayOf(Gen.Choose(-1, 50_000), 128)
            select (before, after);

        Prop.ForAll(gen.ToArbitrary(), c =>
            {
                var adapted = new TxStampLatencyLearner();
                var fresh = new TxStampLatencyLearner();
                foreach (int v in c.Before)
                {
                    Feed(adapted, v);
                }

                foreach (int v in c.After)
                {
                    Feed(adapted, v);
                    Feed(fresh, v);
                }

                return adapted.TimeoutNs(Poll64s) == fresh.TimeoutNs(Poll64s) && adapted.Phase == fresh.Phase;
            })
            .Check(PropertyConfig.Deterministic(200));

        static void Feed(TxStampLatencyLearner learner, int microseconds)
        {
            if (microseconds < 0)
            {
                learner.ObserveMissing();
            }
            else
            {
                learner.ObserveLatency(microseconds * 1000L);
            }
        }
    }

    [Fact]
    public void Options_that_cannot_work_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TxStampLatencyLearner(new TxStampLatencyLearnerOptions { Quantile = 0 }));
        Assert.Throws<ArgumentException>(() => new TxStampLatencyLearner(new TxStampLatencyLearnerOptions { Margin = 0.9 }));
        Assert.Throws<ArgumentException>(() => new TxStampLatencyLearner(new TxStampLatencyLearnerOptions { MinObservations = 200 }));
        Assert.Throws<ArgumentException>(() => new TxStampLatencyLearner(new TxStampLatencyLearnerOptions { PollDivisor = 0 }));
    }
}
