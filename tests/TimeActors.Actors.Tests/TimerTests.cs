namespace TimeActors.Actors.Tests;

public sealed class TimerTests : TestKit.TestKit
{
    public TimerTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void A_single_timer_fires_once_at_its_due_time()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("t", TimeSpan.FromMilliseconds(1), Periodic: false));
        ExpectMsg("started");

        Advance(TimeSpan.FromTicks(TimeSpan.FromMilliseconds(1).Ticks - 1));
        ExpectNoMsg();
        Advance(TimeSpan.FromTicks(1));
        ExpectMsg("tick:t");
        Advance(TimeSpan.FromSeconds(1));
        ExpectNoMsg();
    }

    [Fact]
    public void A_periodic_timer_fires_every_period_even_when_time_jumps_over_several()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("p", TimeSpan.FromSeconds(1), Periodic: true));
        ExpectMsg("started");

        Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Repeat("tick:p", 10), ReceiveN(10).Cast<string>());
        ExpectNoMsg();
    }

    [Fact]
    public void Starting_a_timer_with_a_used_key_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("k", TimeSpan.FromSeconds(1), Periodic: false));
        ExpectMsg("started");
        actor.Tell(new Start("k", TimeSpan.FromSeconds(5), Periodic: false));
        ExpectMsg("started");

        Advance(TimeSpan.FromSeconds(2));
        ExpectNoMsg();
        Advance(TimeSpan.FromSeconds(3));
        ExpectMsg("tick:k");
    }

    [Fact]
    public async Task A_cancelled_timer_whose_message_is_already_enqueued_is_never_received()
    {
        var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor, gate)));
        actor.Tell(new Start("c", TimeSpan.FromSeconds(1), Periodic: false));
        ExpectMsg("started");

        // "block" keeps the actor busy while time passes, so the tick is enqueued behind "cancel".
        actor.Tell("block");
        actor.Tell("cancel:c");
        ExpectMsg("blocking");
        var advance = Task.Run(() => Advance(TimeSpan.FromSeconds(1)));
        SpinWait.SpinUntil(() => VirtualTime.PendingCount == 0, TimeSpan.FromSeconds(5));
        gate.Set();
        await advance.WaitAsync(TimeSpan.FromSeconds(5));

        ExpectMsg("cancelled:c:False");
        ExpectNoMsg();
    }

    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("r", TimeSpan.FromSeconds(1), Periodic: true));
        ExpectMsg("started");

        actor.Tell("fail");
        ExpectMsg("restarted");
        Advance(TimeSpan.FromSeconds(5));

        ExpectNoMsg();
    }

    [Fact]
    public void Timers_are_cancelled_on_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("s", TimeSpan.FromSeconds(1), Periodic: true));
        ExpectMsg("started");
        Watch(actor);
        Sys.Stop(actor);
        ExpectTerminated(actor);

        Advance(TimeSpan.FromSeconds(5));

        ExpectNoMsg();
        Assert.DoesNotContain(DeadLetters, d => d.Message is string s && s.StartsWith("tick", StringComparison.Ordinal));
    }

    [Fact]
    public void IsTimerActive_reflects_single_timers_ending_when_they_fire()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new Start("a", TimeSpan.FromSeconds(1), Periodic: false));
        ExpectMsg("started");
        actor.Tell("active:a");
        ExpectMsg("active:a:True");

        Advance(TimeSpan.FromSeconds(1));
        ExpectMsg("tick:a");
        actor.Tell("active:a");

        ExpectMsg("active:a:False");
    }

    [Fact]
    public void Many_overlapping_one_millisecond_timers_fire_in_due_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        for (var i = 9; i >= 0; i--)
        {
            actor.Tell(new Start($"{i}", TimeSpan.FromMilliseconds(1) + TimeSpan.FromMicroseconds(100 * i), Periodic: false));
            ExpectMsg("started");
        }

        Advance(TimeSpan.FromMilliseconds(2));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"tick:{i}"), ReceiveN(10).Cast<string>());
    }

    private sealed record Start(string Key, TimeSpan Delay, bool Periodic);

    private sealed class TimerActor : ReceiveActor, IWithTimers
    {
        public TimerActor(IActorRef report, ManualResetEventSlim? gate = null)
        {
            Receive<Start>(s =>
            {
                if (s.Periodic)
                {
                    Timers.StartPeriodicTimer(s.Key, $"tick:{s.Key}", s.Delay);
                }
                else
                {
                    Timers.StartSingleTimer(s.Key, $"tick:{s.Key}", s.Delay);
                }

                report.Tell("started", Self);
            });
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(s => s == "block", _ =>
            {
                report.Tell("blocking", Self);
                gate?.Wait(TimeSpan.FromSeconds(5));
            });
            Receive<string>(s => s.StartsWith("cancel:", StringComparison.Ordinal), s =>
            {
                var key = s["cancel:".Length..];
                Timers.Cancel(key);
                report.Tell($"cancelled:{key}:{Timers.IsTimerActive(key)}", Self);
            });
            Receive<string>(s => s.StartsWith("active:", StringComparison.Ordinal), s => report.Tell($"{s}:{Timers.IsTimerActive(s["active:".Length..])}", Self));
            Receive<string>(s => report.Tell(s, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;

        protected internal override void PostRestart(Exception reason)
        {
            Self.Tell("restarted", Self);
        }
    }
}
