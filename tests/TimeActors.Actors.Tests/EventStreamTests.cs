using Microsoft.Extensions.Logging;

namespace TimeActors.Actors.Tests;

public sealed class EventStreamTests : TestKit.TestKit
{
    public EventStreamTests()
        : base(new ActorSystemSettings { LogDeadLetters = 3, LogDeadLettersSuspendDuration = TimeSpan.FromMinutes(5) })
    {
    }

    [Fact]
    public void Subscribers_to_a_base_type_receive_its_subtypes()
    {
        var all = CreateTestProbe();
        var onlyDead = CreateTestProbe();
        Sys.EventStream.Subscribe<AllDeadLetters>(all);
        Sys.EventStream.Subscribe<DeadLetter>(onlyDead);

        Sys.DeadLetters.Tell("plain");
        Sys.DeadLetters.Tell(PoisonPill.Instance);

        Assert.IsType<DeadLetter>(all.ExpectMsg<AllDeadLetters>());
        Assert.IsType<SuppressedDeadLetter>(all.ExpectMsg<AllDeadLetters>());
        Assert.Equal("plain", onlyDead.ExpectMsg<DeadLetter>().Message);
        onlyDead.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Unsubscribe_stops_delivery()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe<string>(probe);
        Sys.EventStream.Publish("one");
        probe.ExpectMsg("one");

        Sys.EventStream.Unsubscribe(probe, typeof(string));
        Sys.EventStream.Publish("two");

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Dead_letter_logging_is_rate_limited()
    {
        for (var i = 0; i < 10; i++)
        {
            Sys.DeadLetters.Tell($"letter-{i}");
        }

        ExpectLog(LogLevel.Information, "suspended");
        AwaitAssert(() => Assert.Equal(10, DeadLetters.Count(d => d.Message is string s && s.StartsWith("letter-", StringComparison.Ordinal))));
        var logged = LogEvents.Count(e => e.Message.Contains("was not delivered", StringComparison.Ordinal));
        Assert.Equal(3, logged);
    }

    [Fact]
    public void Suppressed_dead_letters_are_not_logged()
    {
        Sys.DeadLetters.Tell(PoisonPill.Instance);
        Sys.DeadLetters.Tell("marker");

        ExpectLog(LogLevel.Information, "String");
        Assert.DoesNotContain(LogEvents, e => e.Message.Contains("PoisonPill", StringComparison.Ordinal));
    }
}
