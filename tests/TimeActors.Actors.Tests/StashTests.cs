namespace TimeActors.Actors.Tests;

public sealed class StashTests : TestKit.TestKit
{
    [Fact]
    public void UnstashAll_replays_stashed_messages_before_newer_ones_in_original_order()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("open");
        actor.Tell("c");

        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Unstash_replays_only_the_oldest_message()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("one");

        ExpectMsg("a");
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Stashing_the_same_message_twice_throws()
    {
        var actor = Sys.ActorOf(Props.Create(() => new DoubleStasher(TestActor)));

        actor.Tell("x");

        ExpectMsg<IllegalActorStateException>();
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        actor.Tell("a");
        actor.Tell("b");

        actor.Tell("fail");
        actor.Tell("open");

        ExpectMsg("a");
        ExpectMsg("b");
    }

    [Fact]
    public void Stashed_messages_of_a_stopped_actor_become_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        actor.Tell("kept");
        Watch(actor);

        actor.Tell(PoisonPill.Instance);
        ExpectTerminated(actor);

        ExpectDeadLetter<string>(s => s == "kept");
    }

    private sealed class Gate : ReceiveActor, IWithStash
    {
        public Gate(IActorRef report)
        {
            Receive<string>(s => s == "fail", _ => throw new InvalidOperationException("fail"));
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => ReceiveAny(m => report.Tell(m, Self)));
                Stash.UnstashAll();
            });
            Receive<string>(s => s == "one", _ =>
            {
                Become(() => ReceiveAny(m => report.Tell(m, Self)));
                Stash.Unstash();
            });
            ReceiveAny(_ => Stash.Stash());
        }

        public IStash Stash { get; set; } = null!;
    }

    private sealed class DoubleStasher : ReceiveActor, IWithStash
    {
        public DoubleStasher(IActorRef report) => ReceiveAny(_ =>
        {
            Stash.Stash();
            try
            {
                Stash.Stash();
            }
            catch (IllegalActorStateException e)
            {
                report.Tell(e, Self);
            }
        });

        public IStash Stash { get; set; } = null!;
    }
}
