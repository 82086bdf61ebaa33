namespace TimeActors.Actors.Tests;

public sealed class SupervisionTests : TestKit.TestKit
{
    private int _instances;

    [Fact]
    public void Restart_builds_a_fresh_instance_runs_the_hooks_in_order_and_drops_the_failing_message()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe, () => _instances++)));
        probe.ExpectMsg("preStart:0");
        actor.Tell("count");
        ExpectMsg(1);

        actor.Tell("fail");
        actor.Tell("count");

        probe.ExpectMsg("preRestart:0:fail");
        probe.ExpectMsg("postStop:0");
        probe.ExpectMsg("postRestart:1");
        probe.ExpectMsg("preStart:1");
        ExpectMsg(1); // fresh state: the counter started over
        actor.Tell("instance");
        ExpectMsg(1);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50)); // "fail" was not retried
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var (parent, child, probe) = CreateSupervised(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("count");
        ExpectMsg(1);

        child.Tell("fail");
        child.Tell("count");

        ExpectMsg(2);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        GC.KeepAlive(parent);
    }

    [Fact]
    public void Stop_directive_stops_the_child()
    {
        var (_, child, probe) = CreateSupervised(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);

        child.Tell("fail");

        probe.ExpectMsg("postStop:0");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_parent_which_is_then_handled_by_its_own_supervisor()
    {
        var grandProbe = CreateTestProbe();
        var parentProps = Props.Create(() => new EscalatingParent(grandProbe));
        var top = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Stop))));
        top.Tell(new ParentActor.CreateChild(parentProps, "escalating"));
        var parent = ExpectMsg<IActorRef>();
        parent.Tell("make-child");
        var child = ExpectMsg<IActorRef>();
        Watch(parent);

        child.Tell(new InvalidOperationException("escalate me"));

        ExpectTerminated(parent);
    }

    [Fact]
    public void AllForOne_restarts_every_sibling()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new AllForOneStrategy(_ => Directive.Restart))));
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "a"));
        var a = ExpectMsg<IActorRef>();
        probe.ExpectMsg("preStart:0");
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "b"));
        var b = ExpectMsg<IActorRef>();
        probe.ExpectMsg("preStart:1");

        a.Tell("fail");

        var restarts = probe.ReceiveN(8).Cast<string>().Where(s => s.StartsWith("postRestart", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, restarts.Count);
        GC.KeepAlive(b);
    }

    [Fact]
    public void OneForOne_restarts_only_the_failed_child()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(new OneForOneStrategy(_ => Directive.Restart))));
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "a"));
        var a = ExpectMsg<IActorRef>();
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "b"));
        var b = ExpectMsg<IActorRef>();
        probe.ReceiveN(2);
        b.Tell("count");
        ExpectMsg(1);

        a.Tell("fail");
        probe.ReceiveN(4);
        b.Tell("count");

        ExpectMsg(2);
    }

    [Fact]
    public void The_default_decider_stops_on_initialization_failure_kill_and_death_pact()
    {
        var decider = SupervisorStrategy.DefaultDecider;

        Assert.Equal(Directive.Stop, decider.Decide(new ActorInitializationException(null, "x", null)));
        Assert.Equal(Directive.Stop, decider.Decide(new ActorKilledException("Kill")));
        Assert.Equal(Directive.Stop, decider.Decide(new DeathPactException(ActorRefs.Nobody)));
        Assert.Equal(Directive.Restart, decider.Decide(new InvalidOperationException()));
    }

    [Fact]
    public void Decider_From_picks_the_most_specific_exception_type()
    {
        var decider = Decider.From(Directive.Restart, Directive.Resume.When<ArgumentException>(), Directive.Stop.When<ArgumentNullException>());

        Assert.Equal(Directive.Stop, decider.Decide(new ArgumentNullException()));
        Assert.Equal(Directive.Resume, decider.Decide(new ArgumentOutOfRangeException()));
        Assert.Equal(Directive.Restart, decider.Decide(new InvalidOperationException()));
    }

    [Fact]
    public void A_child_denied_a_restart_by_the_retry_budget_is_stopped()
    {
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var (_, child, probe) = CreateSupervised(strategy);
        Watch(child);

        child.Tell("fail");
        child.Tell("fail");
        probe.FishForMessage<string>(s => s == "preStart:2");
        child.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void Zero_retries_never_restart()
    {
        var (_, child, _) = CreateSupervised(new OneForOneStrategy(0, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);

        child.Tell("fail");

        ExpectTerminated(child);
    }

    [Fact]
    public void Failure_in_the_constructor_stops_the_actor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThrowsInConstructor()));
        Watch(actor);

        ExpectTerminated(actor);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "constructor exploded");
    }

    [Fact]
    public void Props_WithSupervisorStrategy_overrides_the_actor_strategy()
    {
        var probe = CreateTestProbe();
        var props = Props.Create(() => new ParentActor(SupervisorStrategy.DefaultStrategy)).WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy);
        var parent = Sys.ActorOf(props);
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "c"));
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        child.Tell("fail");

        ExpectTerminated(child);
    }

    private (IActorRef Parent, IActorRef Child, TestKit.TestProbe Probe) CreateSupervised(SupervisorStrategy strategy)
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(strategy)));
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new LifecycleActor(probe, () => _instances++)), "child"));
        var child = ExpectMsg<IActorRef>();
        probe.ExpectMsg("preStart:0");
        return (parent, child, probe);
    }

    private sealed class EscalatingParent : ReceiveActor
    {
        public EscalatingParent(IActorRef probe)
        {
            Receive<string>(s => s == "make-child", _ => Sender?.Tell(Context.ActorOf(Props.Create(() => new LifecycleActor(probe, () => 0)), "c"), Self));
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);
    }

    private sealed class ThrowsInConstructor : ReceiveActor
    {
        public ThrowsInConstructor() => throw new InvalidOperationException("constructor exploded");
    }
}
