namespace TimeActors.Actors.Tests;

public sealed class MessagingTests : TestKit.TestKit
{
    [Fact]
    public void Messages_from_one_sender_arrive_in_send_order()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 10_000; i++)
        {
            echo.Tell(i);
        }

        for (var i = 0; i < 10_000; i++)
        {
            ExpectMsg(i);
        }
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var target = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new Forwarder(target)));

        forwarder.Tell("via");

        target.ExpectMsg("via");
        Assert.Equal(TestActor, target.LastSender);
    }

    [Fact]
    public void Tell_inside_an_actor_uses_Self_as_the_implicit_sender()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new ImplicitTeller(probe)));

        actor.Tell("go");

        probe.ExpectMsg("told");
        Assert.Equal(actor, probe.LastSender);
    }

    [Fact]
    public void Context_exposes_Self_Parent_and_System()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ContextReporter()), "ctx");

        actor.Tell("who");

        var report = ExpectMsg<(IActorRef Self, IActorRef Parent, string System)>();
        Assert.Equal(actor, report.Self);
        Assert.Equal("/user", report.Parent.Path.ToStringWithoutAddress());
        Assert.Equal(Sys.Name, report.System);
    }

    [Fact]
    public void Messages_sent_from_many_senders_are_all_delivered()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var probes = Enumerable.Range(0, 8).Select(_ => CreateTestProbe()).ToArray();

        Parallel.ForEach(probes, probe =>
        {
            for (var i = 0; i < 500; i++)
            {
                probe.Send(echo, i);
            }
        });

        foreach (var probe in probes)
        {
            for (var i = 0; i < 500; i++)
            {
                probe.ExpectMsg(i);
            }
        }
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef target) => ReceiveAny(m => target.Forward(m));
    }

    private sealed class ImplicitTeller : ReceiveActor
    {
        public ImplicitTeller(IActorRef probe) => ReceiveAny(_ => probe.Tell("told"));
    }

    private sealed class ContextReporter : ReceiveActor
    {
        public ContextReporter() => ReceiveAny(_ => Sender?.Tell((Context.Self, Context.Parent, Context.System.Name), Self));
    }
}
