using TimeActors.Actors.TestKit;

namespace TimeActors.Actors.Tests;

public sealed class ActorSystemTests : TestKit.TestKit
{
    [Fact]
    public void Top_level_actors_live_under_user()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");

        Assert.Equal("/user/echo", echo.Path.ToStringWithoutAddress());
        Assert.Equal($"timeactors://{Sys.Name}/user/echo", echo.Path.ToString());
        echo.Tell("hello");
        ExpectMsg("hello");
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Children_have_paths_under_their_parent_and_generated_names_when_unnamed()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(SupervisorStrategy.DefaultStrategy)), "parent");
        parent.Tell(new ParentActor.CreateChild(Props.Create(() => new EchoActor()), "kid"));
        var kid = ExpectMsg<IActorRef>();
        var unnamed = Sys.ActorOf(Props.Create(() => new EchoActor()));

        Assert.Equal("/user/parent/kid", kid.Path.ToStringWithoutAddress());
        Assert.StartsWith("/user/$", unnamed.Path.ToStringWithoutAddress(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Terminate_stops_children_before_parents_and_runs_every_PostStop()
    {
        // The hooks report into a plain queue: a probe would itself be stopped by Terminate.
        var events = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Sys.ActorOf(Props.Create(() => new LifecycleParent(events)), "p");
        AwaitCondition(() => events.Count == 3);

        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(Sys.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal(["preStart:parent", "preStart:child", "preStart:grandchild", "postStop:grandchild", "postStop:child", "postStop:parent"], events);
    }

    [Fact]
    public async Task ActorOf_after_termination_throws_a_clear_exception()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));

        var error = Assert.Throws<ActorSystemTerminatedException>(() => Sys.ActorOf(Props.Create(() => new EchoActor())));
        Assert.Contains(Sys.Name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterOnTermination_callbacks_run_before_WhenTerminated_completes()
    {
        var ran = false;
        Sys.RegisterOnTermination(() => ran = true);

        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(ran);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("-leading")]
    [InlineData("slash/inside")]
    public void Invalid_system_names_are_rejected(string name) =>
        Assert.Throws<ArgumentException>(() => ActorSystem.Create(name));

    private sealed class LifecycleParent : ReceiveActor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events;

        public LifecycleParent(System.Collections.Concurrent.ConcurrentQueue<string> events)
        {
            _events = events;
            ReceiveAny(_ => { });
        }

        protected internal override void PreStart()
        {
            _events.Enqueue("preStart:parent");
            Context.ActorOf(Props.Create(() => new Named(_events, "child", true)), "child");
        }

        protected internal override void PostStop() => _events.Enqueue("postStop:parent");
    }

    private sealed class Named : ReceiveActor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _events;
        private readonly string _name;
        private readonly bool _withChild;

        public Named(System.Collections.Concurrent.ConcurrentQueue<string> events, string name, bool withChild)
        {
            _events = events;
            _name = name;
            _withChild = withChild;
            ReceiveAny(_ => { });
        }

        protected internal override void PreStart()
        {
            _events.Enqueue($"preStart:{_name}");
            if (_withChild)
            {
                Context.ActorOf(Props.Create(() => new Named(_events, "grandchild", false)), "grandchild");
            }
        }

        protected internal override void PostStop() => _events.Enqueue($"postStop:{_name}");
    }
}
