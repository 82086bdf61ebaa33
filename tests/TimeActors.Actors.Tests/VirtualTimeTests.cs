namespace TimeActors.Actors.Tests;

/// <summary>Virtual time with actors: a timer armed in response to a tick is seen in the same advance.</summary>
public sealed class VirtualTimeTests : TestKit.TestKit
{
    public VirtualTimeTests()
        : base(virtualTime: true)
    {
    }

    [Fact]
    public void A_chain_of_timers_armed_by_the_actor_runs_to_completion_in_one_advance()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Chain(TestActor)));
        actor.Tell(0);
        ExpectMsg("armed");

        Advance(TimeSpan.FromMilliseconds(100));

        var ticks = ReceiveN(100).Cast<int>().ToList();
        Assert.Equal(Enumerable.Range(1, 100), ticks);
        ExpectNoMsg();
    }

    [Fact]
    public void Scheduler_Now_inside_the_actor_is_the_timer_due_time()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Clock(TestActor)));
        actor.Tell("arm");
        ExpectMsg("armed");

        Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(64), ExpectMsg<TimeSpan>());
    }

    private sealed class Chain : ReceiveActor, IWithTimers
    {
        public Chain(IActorRef report)
        {
            Receive<int>(n =>
            {
                if (n > 0)
                {
                    report.Tell(n, Self);
                }

                Timers.StartSingleTimer("next", n + 1, TimeSpan.FromMilliseconds(1));
                if (n == 0)
                {
                    report.Tell("armed", Self);
                }
            });
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }

    private sealed class Clock : ReceiveActor, IWithTimers
    {
        public Clock(IActorRef report)
        {
            Receive<string>(s => s == "arm", _ =>
            {
                Timers.StartSingleTimer("t", "fire", TimeSpan.FromSeconds(64));
                report.Tell("armed", Self);
            });
            Receive<string>(s => s == "fire", _ => report.Tell(Context.System.Scheduler.MonotonicClock, Self));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
