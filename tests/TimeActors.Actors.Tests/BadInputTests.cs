namespace TimeActors.Actors.Tests;

public sealed class BadInputTests : TestKit.TestKit
{
    [Theory]
    [InlineData("$reserved")]
    [InlineData("with space")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public void Invalid_actor_names_are_rejected(string name)
    {
        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), name));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_child_names_are_rejected_and_the_first_actor_keeps_working()
    {
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()), "twin");

        var error = Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "twin"));

        Assert.Contains("not unique", error.Message, StringComparison.Ordinal);
        first.Tell("still here");
        ExpectMsg("still here");
    }

    [Fact]
    public void A_name_can_be_reused_once_its_actor_has_stopped()
    {
        var first = Sys.ActorOf(Props.Create(() => new EchoActor()), "again");
        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);

        AwaitAssert(() => Sys.ActorOf(Props.Create(() => new EchoActor()), "again"));
    }

    [Fact]
    public void Null_messages_are_rejected_at_the_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        Assert.Throws<InvalidMessageException>(() => echo.Tell(null!, TestActor));
        Assert.Throws<InvalidMessageException>(() => Sys.DeadLetters.Tell(null!, TestActor));
    }

    [Fact]
    public void An_unknown_dispatcher_fails_ActorOf_with_the_known_ids()
    {
        var error = Assert.Throws<ArgumentException>(() => Sys.ActorOf(Props.Create(() => new EchoActor()).WithDispatcher("nope")));
        Assert.Contains("default-dispatcher", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Creating_an_actor_with_new_outside_ActorOf_throws()
    {
        Assert.Throws<ActorInitializationException>(() => new EchoActor());
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);

        echo.Tell("lost");

        var dead = ExpectDeadLetter<string>(s => s == "lost");
        Assert.IsType<DeadLetter>(dead);
        Assert.Equal(echo, dead.Recipient);
        Assert.Equal(TestActor, dead.Sender);
    }
}
