namespace TimeActors.Actors.Tests;

public sealed class DispatcherTests : TestKit.TestKit
{
    public DispatcherTests()
        : base(new ActorSystemSettings { DefaultDispatcherThroughput = 5 })
    {
    }

    [Fact]
    public void The_default_dispatcher_uses_the_configured_throughput()
    {
        Assert.Equal(5, Sys.Dispatchers.DefaultDispatcher.Throughput);
        Assert.Equal(30, ActorSystemSettings.Default.DefaultDispatcherThroughput);
    }

    [Fact]
    public void A_pinned_actor_runs_every_message_on_its_own_dedicated_thread()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithDispatcher(Dispatchers.PinnedDispatcherId), "pinned");

        var threads = Enumerable.Range(0, 20).Select(_ =>
        {
            actor.Tell("which");
            return ExpectMsg<(int Id, bool Pool, string? Name)>();
        }).ToList();

        Assert.Single(threads.Select(t => t.Id).Distinct());
        Assert.False(threads[0].Pool);
        Assert.Equal("pinned:/user/pinned", threads[0].Name);
    }

    [Fact]
    public void Default_dispatcher_actors_run_on_the_thread_pool()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()));

        actor.Tell("which");

        Assert.True(ExpectMsg<(int Id, bool Pool, string? Name)>().Pool);
    }

    [Fact]
    public void A_pinned_actor_may_block_without_stalling_others()
    {
        var gate = new ManualResetEventSlim();
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)).WithDispatcher(Dispatchers.PinnedDispatcherId));
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        blocker.Tell("block");
        ExpectMsg("blocking");
        echo.Tell("free");

        ExpectMsg("free");
        gate.Set();
        ExpectMsg("unblocked");
    }

    [Fact]
    public void A_stop_is_handled_before_the_next_user_message()
    {
        var gate = new ManualResetEventSlim();
        var blocker = Sys.ActorOf(Props.Create(() => new Blocker(gate)));
        Watch(blocker);

        blocker.Tell("block");
        ExpectMsg("blocking");
        blocker.Tell("queued");
        Sys.Stop(blocker);
        gate.Set();

        ExpectMsg("unblocked");
        ExpectTerminated(blocker);
        ExpectDeadLetter<string>(s => s == "queued");
    }

    private sealed class ThreadReporter : ReceiveActor
    {
        public ThreadReporter() => ReceiveAny(_ => Sender?.Tell((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), Self));
    }

    private sealed class Blocker : ReceiveActor
    {
        public Blocker(ManualResetEventSlim gate)
        {
            Receive<string>(s => s == "block", _ =>
            {
                Sender?.Tell("blocking", Self);
                gate.Wait(TimeSpan.FromSeconds(5));
                Sender?.Tell("unblocked", Self);
            });
            Receive<string>(s => Sender?.Tell(s, Self));
        }
    }
}
