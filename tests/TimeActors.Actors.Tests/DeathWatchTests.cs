namespace TimeActors.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Watch_delivers_Terminated_when_the_subject_stops()
    {
        var subject = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(subject);

        Sys.Stop(subject);

        var terminated = ExpectTerminated(subject);
        Assert.True(terminated.ExistenceConfirmed);
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_still_yields_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var first = CreateTestProbe();
        first.Watch(subject);
        Sys.Stop(subject);
        first.ExpectTerminated(subject);

        Watch(subject);

        ExpectTerminated(subject);
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message_instead_of_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new CustomWatcher(subject, TestActor)));
        watcher.Tell("ready?");
        ExpectMsg("ready");

        Sys.Stop(subject);

        ExpectMsg("subject gone");
    }

    [Fact]
    public void Unwatch_drops_a_Terminated_that_is_already_queued()
    {
        var subject = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new UnwatchingWatcher(subject, TestActor)));
        watcher.Tell("watching?");
        ExpectMsg("watching");

        // Queue: [block, unwatch]. While "block" runs the subject stops; its Terminated is queued behind
        // "unwatch", which must then drop it.
        watcher.Tell("block");
        watcher.Tell("unwatch");
        Sys.Stop(subject);

        ExpectMsg("blocked");
        ExpectMsg("unwatched");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void An_unhandled_Terminated_fails_the_watcher_with_a_death_pact()
    {
        var subject = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new IgnorantWatcher(subject)));
        Watch(watcher);
        watcher.Tell("ready?");
        ExpectMsg("ready");

        Sys.Stop(subject);

        ExpectTerminated(watcher);
        ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "did not handle Terminated");
    }

    private sealed class CustomWatcher : ReceiveActor
    {
        public CustomWatcher(IActorRef subject, IActorRef report)
        {
            Context.WatchWith(subject, "subject gone");
            Receive<string>(s => s == "ready?", _ => Sender?.Tell("ready", Self));
            Receive<string>(s => report.Tell(s, Self));
        }
    }

    private sealed class UnwatchingWatcher : ReceiveActor
    {
        public UnwatchingWatcher(IActorRef subject, IActorRef report)
        {
            Context.Watch(subject);
            Receive<string>(s => s == "watching?", _ => Sender?.Tell("watching", Self));
            Receive<string>(s => s == "block", _ =>
            {
                // Busy until the subject has stopped and its death notification has had time to be posted.
                SpinWait.SpinUntil(() => subject is ILocalRef { IsTerminated: true }, TimeSpan.FromSeconds(5));
                SpinWait.SpinUntil(() => false, TimeSpan.FromMilliseconds(20));
                report.Tell("blocked", Self);
            });
            Receive<string>(s => s == "unwatch", _ =>
            {
                Context.Unwatch(subject);
                report.Tell("unwatched", Self);
            });
            Receive<Terminated>(t => report.Tell(t, Self));
        }
    }

    private sealed class IgnorantWatcher : ReceiveActor
    {
        public IgnorantWatcher(IActorRef subject)
        {
            Context.Watch(subject);
            Receive<string>(_ => Sender?.Tell("ready", Self));
        }
    }
}
