namespace TimeActors.Actors.Tests;

public sealed class ReceiveActorTests : TestKit.TestKit
{
    [Fact]
    public void Handlers_are_tried_in_registration_order_and_predicates_filter()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ordered()));

        actor.Tell(5);
        actor.Tell(50);
        actor.Tell("text");
        actor.Tell(2.5);

        ExpectMsg("small:5");
        ExpectMsg("int:50");
        ExpectMsg("any:text");
        ExpectMsg("any:2.5");
    }

    [Fact]
    public void A_Func_handler_returning_false_falls_through_to_the_next_handler()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FuncHandlers()));

        actor.Tell("skip");
        actor.Tell("take");

        ExpectMsg("fallback:skip");
        ExpectMsg("func:take");
    }

    [Fact]
    public void Unhandled_messages_are_published_as_UnhandledMessage()
    {
        var listener = CreateTestProbe();
        Sys.EventStream.Subscribe<UnhandledMessage>(listener);
        var actor = Sys.ActorOf(Props.Create(() => new OnlyStrings()));

        actor.Tell(42);

        var unhandled = listener.ExpectMsg<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
        Assert.Equal(TestActor, unhandled.Sender);
    }

    [Fact]
    public void Become_replaces_the_behaviour()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switcher()));

        actor.Tell("state");
        actor.Tell("switch");
        actor.Tell("state");

        ExpectMsg("A");
        ExpectMsg("B");
    }

    [Fact]
    public void BecomeStacked_pushes_and_UnbecomeStacked_pops_back()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stacker()));

        actor.Tell("state");
        actor.Tell("push");
        actor.Tell("state");
        actor.Tell("pop");
        actor.Tell("state");

        ExpectMsg("base");
        ExpectMsg("pushed");
        ExpectMsg("base");
    }

    [Fact]
    public void Registering_a_handler_outside_the_constructor_throws()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LateRegistration()));

        actor.Tell("register");

        ExpectMsg<InvalidOperationException>();
    }

    [Fact]
    public void ReceiveAsync_processes_no_other_message_until_its_task_completes()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(gate.Task)));

        actor.Tell("slow");
        actor.Tell("fast");
        ExpectMsg("slow:started");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();

        ExpectMsg("slow:done");
        ExpectMsg("fast");
    }

    [Fact]
    public void ReceiveAsync_keeps_Sender_and_Self_across_await()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(gate.Task)));

        actor.Tell("slow");
        ExpectMsg("slow:started");
        gate.SetResult();

        ExpectMsg("slow:done");
        Assert.Equal(actor, LastSender);
    }

    [Fact]
    public void A_fault_in_an_async_handler_fails_the_actor()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncFailer(probe)));

        actor.Tell("fail");

        probe.ExpectMsg("restarted");
    }

    private sealed class Ordered : ReceiveActor
    {
        public Ordered()
        {
            Receive<int>(i => Sender?.Tell($"small:{i}", Self), i => i < 10);
            Receive<int>(i => Sender?.Tell($"int:{i}", Self));
            ReceiveAny(m => Sender?.Tell($"any:{m}", Self));
        }
    }

    private sealed class FuncHandlers : ReceiveActor
    {
        public FuncHandlers()
        {
            Receive<string>(s =>
            {
                if (s != "take")
                {
                    return false;
                }

                Sender?.Tell($"func:{s}", Self);
                return true;
            });
            Receive<string>(s => Sender?.Tell($"fallback:{s}", Self));
        }
    }

    private sealed class OnlyStrings : ReceiveActor
    {
        public OnlyStrings() => Receive<string>(_ => { });
    }

    private sealed class Switcher : ReceiveActor
    {
        public Switcher() => A();

        private void A()
        {
            Receive<string>(s => s == "state", _ => Sender?.Tell("A", Self));
            Receive<string>(s => s == "switch", _ => Become(B));
        }

        private void B() => Receive<string>(s => s == "state", _ => Sender?.Tell("B", Self));
    }

    private sealed class Stacker : ReceiveActor
    {
        public Stacker()
        {
            Receive<string>(s => s == "state", _ => Sender?.Tell("base", Self));
            Receive<string>(s => s == "push", _ => BecomeStacked(() =>
            {
                Receive<string>(s => s == "state", _ => Sender?.Tell("pushed", Self));
                Receive<string>(s => s == "pop", _ => UnbecomeStacked());
            }));
        }
    }

    private sealed class LateRegistration : ReceiveActor
    {
        public LateRegistration() => Receive<string>(_ =>
        {
            try
            {
                Receive<int>(_ => { });
            }
            catch (InvalidOperationException e)
            {
                Sender?.Tell(e, Self);
            }
        });
    }

    private sealed class AsyncWorker : ReceiveActor
    {
        public AsyncWorker(Task gate)
        {
            ReceiveAsync<string>(async s =>
            {
                Sender?.Tell($"{s}:started", Self);
                await gate;
                Sender?.Tell($"{s}:done", Self);
            }, s => s == "slow");
            Receive<string>(s => Sender?.Tell(s, Self));
        }
    }

    private sealed class AsyncFailer : ReceiveActor
    {
        private readonly IActorRef _probe;

        public AsyncFailer(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async boom");
            });
        }

        protected internal override void PostRestart(Exception reason) => _probe.Tell(reason.Message == "async boom" ? "restarted" : reason.Message, Self);
    }
}
