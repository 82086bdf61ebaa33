using TimeActors.Timing.Exchange;
using TimeActors.Timing.Time;

namespace TimeActors.Timing.Tests.Exchange;

/// <summary>The per-request watch over a hardware TX stamp (<c>hwts-timeout = auto</c>).</summary>
public sealed class TxStampWatchTests
{
    private static readonly SystemTime Sent = new(1_700_000_000_000_000_000);
    private const long BoundNs = 8_000_000;

    [Fact]
    public void A_stamp_within_the_bound_is_an_arrival_with_its_latency()
    {
        var watch = new TxStampWatch();
        Assert.Null(watch.Start(Sent, BoundNs));
        Assert.Equal(TxStampOutcome.After(3_400_000), watch.StampArrived(Sent + TimeInterval.FromMicroseconds(3400)));
        Assert.False(watch.Active);
        Assert.Null(watch.StampArrived(Sent + TimeInterval.FromMicroseconds(3500))); // a duplicate teaches nothing
    }

    [Fact]
    public void A_stamp_after_the_bound_counts_as_missing()
    {
        var watch = new TxStampWatch();
        watch.Start(Sent, BoundNs);
        Assert.Equal(TxStampOutcome.Missing, watch.StampArrived(Sent + new TimeInterval(BoundNs + 1)));
    }

    [Fact]
    public void A_socket_lingers_after_release_only_until_the_bound_after_its_send()
    {
        var watch = new TxStampWatch();
        watch.Start(Sent, BoundNs);
        Assert.Equal(new TimeInterval(BoundNs - 2_000_000), watch.LingerAfterClose(Sent + TimeInterval.FromMilliseconds(2)));
        Assert.Equal(TimeInterval.Zero, watch.LingerAfterClose(Sent + TimeInterval.FromMilliseconds(9)));
        Assert.Equal(TxStampOutcome.Missing, watch.Expire());
        Assert.Equal(TimeInterval.Zero, watch.LingerAfterClose(Sent + TimeInterval.FromMilliseconds(2))); // nothing left to wait for
        Assert.Null(watch.Expire());
    }

    [Fact]
    public void The_next_request_ends_an_open_watch_as_missing_and_an_abandoned_one_teaches_nothing()
    {
        var watch = new TxStampWatch();
        watch.Start(Sent, BoundNs);
        Assert.Equal(TxStampOutcome.Missing, watch.Start(Sent + TimeInterval.FromSeconds(64), BoundNs));
        watch.Abandon();
        Assert.Null(watch.Start(Sent + TimeInterval.FromSeconds(128), BoundNs));
    }

    [Fact]
    public void A_clock_step_moves_the_send_time_so_the_latency_stays_true()
    {
        var watch = new TxStampWatch();
        watch.Start(Sent, BoundNs);
        watch.OnClockAdjusted(TimeInterval.FromMilliseconds(500));
        Assert.Equal(TxStampOutcome.After(1_000_000), watch.StampArrived(Sent + TimeInterval.FromMilliseconds(501)));
    }

    [Fact]
    public void Outcomes_feed_a_learner()
    {
        var learner = new TxStampLatencyLearner();
        TxStampOutcome.After(2_000_000).ApplyTo(learner);
        TxStampOutcome.Missing.ApplyTo(learner);
        Assert.Equal(1, learner.ArrivedTotal);
        Assert.Equal(1, learner.MissingTotal);
    }
}
