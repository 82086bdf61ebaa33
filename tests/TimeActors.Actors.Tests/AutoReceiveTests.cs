namespace TimeActors.Actors.Tests;

public sealed class AutoReceiveTests : TestKit.TestKit
{
    [Fact]
    public void PoisonPill_is_processed_in_order_and_stops_the_actor()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(echo);

        echo.Tell("before");
        echo.Tell(PoisonPill.Instance);
        echo.Tell("after");

        ExpectMsg("before");
        ExpectTerminated(echo);
        ExpectDeadLetter<string>(s => s == "after");
    }

    [Fact]
    public void Kill_fails_the_actor_and_the_default_decider_stops_it()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe, () => 0)));
        probe.ExpectMsg("preStart:0");
        Watch(actor);

        actor.Tell(Kill.Instance);

        probe.ExpectMsg("postStop:0");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Context_Stop_of_Self_stops_after_the_current_message()
    {
        var actor = Sys.ActorOf(Props.Create(() => new SelfStopper()));
        Watch(actor);

        actor.Tell("stop");
        actor.Tell("late");

        ExpectMsg("stopping");
        ExpectTerminated(actor);
        ExpectDeadLetter<string>(s => s == "late");
    }

    private sealed class SelfStopper : ReceiveActor
    {
        public SelfStopper() => Receive<string>(s =>
        {
            Context.Stop(Self);
            Sender?.Tell("stopping", Self);
        });
    }
}
