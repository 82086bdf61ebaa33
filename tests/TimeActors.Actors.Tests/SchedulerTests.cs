using System.Diagnostics;

namespace TimeActors.Actors.Tests;

[Collection(TimingSensitiveCollection.Name)]
public sealed class SchedulerTests
{
    [Fact]
    public void Virtual_time_fires_entries_in_due_order_with_Now_at_each_due_time()
    {
        var scheduler = new VirtualScheduler(DateTimeOffset.UnixEpoch);
        var fired = new List<(string Name, TimeSpan At)>();
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(3), () => fired.Add(("c", scheduler.MonotonicClock)));
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired.Add(("a", scheduler.MonotonicClock)));
        scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired.Add(("b", scheduler.MonotonicClock)));

        scheduler.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal([("a", TimeSpan.FromSeconds(1)), ("b", TimeSpan.FromSeconds(1)), ("c", TimeSpan.FromSeconds(3))], fired);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(5), scheduler.Now);
    }

    [Fact]
    public void Virtual_time_fires_every_occurrence_of_a_periodic_entry_in_one_advance()
    {
        var scheduler = new VirtualScheduler();
        var times = new List<TimeSpan>();
        scheduler.ScheduleRepeatedly(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), () => times.Add(scheduler.MonotonicClock));

        scheduler.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => TimeSpan.FromMilliseconds(500 + (1000 * i))), times);
    }

    [Fact]
    public void Entries_scheduled_by_a_firing_entry_inside_the_span_fire_in_the_same_advance()
    {
        var scheduler = new VirtualScheduler();
        var fired = 0;
        void Rearm() => scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () =>
        {
            fired++;
            Rearm();
        });
        Rearm();

        scheduler.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(10, fired);
    }

    [Fact]
    public void Cancelled_entries_never_fire()
    {
        var scheduler = new VirtualScheduler();
        var fired = false;
        var handle = scheduler.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired = true);

        handle.Cancel();
        scheduler.Advance(TimeSpan.FromSeconds(2));

        Assert.False(fired);
        Assert.True(handle.IsCancellationRequested);
        Assert.Null(scheduler.NextDue);
    }

    [Fact]
    public void Virtual_time_cannot_go_back()
    {
        var scheduler = new VirtualScheduler(DateTimeOffset.UnixEpoch);
        scheduler.Advance(TimeSpan.FromSeconds(5));

        Assert.Throws<InvalidOperationException>(() => scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.AddSeconds(1)));
        Assert.Throws<InvalidOperationException>(() => scheduler.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Negative_delays_and_non_positive_intervals_are_rejected()
    {
        var scheduler = new VirtualScheduler();

        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleOnce(TimeSpan.FromTicks(-1), () => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.Zero, () => { }));
    }

    [Fact]
    public void The_real_scheduler_fires_one_millisecond_timers_with_sub_millisecond_lateness()
    {
        using var scheduler = new RealScheduler(TimeSpan.FromMilliseconds(1.5));
        var lateness = new List<double>();
        using var done = new SemaphoreSlim(0);
        for (var i = 0; i < 50; i++)
        {
            var start = Stopwatch.GetTimestamp();
            scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () =>
            {
                lateness.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds - 1000);
                done.Release();
            });
            Assert.True(done.Wait(TimeSpan.FromSeconds(2)));
        }

        lateness.Sort();
        Assert.True(lateness[0] >= 0, $"fired early by {-lateness[0]} us");

        // The strict figure (p99 < 200 us) is measured by the benchmark on a quiet machine; a shared CI
        // machine only has to show the timer is sub-millisecond, not tick-based (10 ms in Akka.NET).
        Assert.True(lateness[lateness.Count / 2] < 500, $"median lateness {lateness[lateness.Count / 2]} us");
    }

    [Fact]
    public void The_real_scheduler_keeps_a_fixed_rate_for_periodic_entries_and_stops_on_cancel()
    {
        using var scheduler = new RealScheduler(TimeSpan.FromMilliseconds(1.5));
        using var fiveTicks = new CountdownEvent(5);
        var count = 0;
        var handle = scheduler.ScheduleRepeatedly(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(2), () =>
        {
            Interlocked.Increment(ref count);
            if (!fiveTicks.IsSet)
            {
                fiveTicks.Signal();
            }
        });

        Assert.True(fiveTicks.Wait(TimeSpan.FromSeconds(2)));
        handle.Cancel();
        var atCancel = Volatile.Read(ref count);
        using var later = new ManualResetEventSlim();
        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(20), later.Set);
        Assert.True(later.Wait(TimeSpan.FromSeconds(2)));

        Assert.InRange(Volatile.Read(ref count) - atCancel, 0, 1);
    }

    [Fact]
    public void A_failing_action_does_not_stop_the_real_scheduler()
    {
        var failures = 0;
        using var scheduler = new RealScheduler(TimeSpan.FromMilliseconds(1), _ => Interlocked.Increment(ref failures));
        using var after = new ManualResetEventSlim();

        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(1), () => throw new InvalidOperationException("x"));
        scheduler.ScheduleOnce(TimeSpan.FromMilliseconds(2), after.Set);

        Assert.True(after.Wait(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, Volatile.Read(ref failures));
    }
}
