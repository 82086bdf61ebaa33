namespace TimeActors.Actors.Tests;

public sealed class AskTests : TestKit.TestKit
{
    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        var reply = await echo.Ask<string>("ping", TimeSpan.FromSeconds(3));

        Assert.Equal("ping", reply);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var failing = Sys.ActorOf(Props.Create(() => new Replier(new Status.Failure(new FormatException("bad")))));

        var error = await Assert.ThrowsAsync<FormatException>(() => failing.Ask("x", TimeSpan.FromSeconds(3)));

        Assert.Equal("bad", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_a_typed_Ask()
    {
        var replier = Sys.ActorOf(Props.Create(() => new Replier(42)));

        await Assert.ThrowsAsync<ArgumentException>(() => replier.Ask<string>("x", TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Ask_on_a_dead_actor_fails_at_once()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => echo.Ask("anyone?", Timeout.InfiniteTimeSpan));

        Assert.Contains("terminated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_times_out_with_a_typed_failure_in_virtual_time()
    {
        using var kit = new VirtualKit();
        var silent = kit.Sys.ActorOf(Props.Create(() => new Replier(null)));

        var task = silent.Ask("hello?", TimeSpan.FromSeconds(2));
        kit.Advance(TimeSpan.FromSeconds(1));
        Assert.False(task.IsCompleted);
        kit.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.Throws<AggregateException>(() => task.Wait(TimeSpan.FromSeconds(3)));
        Assert.IsType<AskTimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Identify_is_answered_with_ActorIdentity_and_a_dead_actor_answers_null()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        var alive = await echo.Ask<ActorIdentity>(new Identify(1), TimeSpan.FromSeconds(3));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        echo.Tell(new Identify(2));

        Assert.Equal(echo, alive.Subject);
        Assert.Equal(1, alive.MessageId);
        var dead = ExpectMsg<ActorIdentity>();
        Assert.Equal(2, dead.MessageId);
        Assert.Null(dead.Subject);
    }

    private sealed class Replier : ReceiveActor
    {
        public Replier(object? reply) => ReceiveAny(_ =>
        {
            if (reply is not null)
            {
                Sender?.Tell(reply, Self);
            }
        });
    }

    private sealed class VirtualKit() : TestKit.TestKit(virtualTime: true);
}
