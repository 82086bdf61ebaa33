using TimeActors.Actors.TestKit;

namespace TimeActors.Actors.Tests;

/// <summary>The TestKit's own expectations fail when they should.</summary>
public sealed class TestKitTests : TestKit.TestKit
{
    [Fact]
    public void ExpectMsg_fails_on_timeout_and_on_the_wrong_type()
    {
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(TimeSpan.FromMilliseconds(20)));
        TestActor.Tell(42);
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>());
    }

    [Fact]
    public void ExpectMsg_with_an_expected_value_or_predicate_fails_on_mismatch()
    {
        TestActor.Tell("a");
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg("b"));
        TestActor.Tell("a");
        Assert.Throws<TestKitAssertionException>(() => ExpectMsg<string>(s => s.Length > 3));
    }

    [Fact]
    public void ExpectNoMsg_fails_when_a_message_arrives()
    {
        TestActor.Tell("surprise");
        Assert.Throws<TestKitAssertionException>(() => ExpectNoMsg(TimeSpan.FromMilliseconds(50)));
    }

    [Fact]
    public void FishForMessage_skips_until_a_match()
    {
        TestActor.Tell(1);
        TestActor.Tell("skip");
        TestActor.Tell("catch");

        Assert.Equal("catch", FishForMessage<string>(s => s == "catch"));
        Assert.Throws<TestKitAssertionException>(() => FishForMessage<string>(_ => true, TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void Within_bounds_expectations_and_checks_elapsed_time()
    {
        Assert.Throws<TestKitAssertionException>(() => Within(TimeSpan.FromMilliseconds(50), () => ExpectMsg<string>()));
        var inside = Within(TimeSpan.FromSeconds(1), () => RemainingOrDefault);
        Assert.True(inside <= TimeSpan.FromSeconds(1) * TimeFactor);
    }

    [Fact]
    public void AwaitAssert_rethrows_the_last_failure_when_time_runs_out()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AwaitAssert(() => throw new InvalidOperationException("never"), TimeSpan.FromMilliseconds(30)));
        Assert.Equal("never", error.Message);
    }

    [Fact]
    public void TestProbe_replies_reach_the_original_sender_and_forward_keeps_it()
    {
        var probe = CreateTestProbe();
        var other = CreateTestProbe();

        probe.Tell("question", TestActor);
        probe.ExpectMsg("question");
        probe.Reply("answer");
        probe.Forward(other);

        ExpectMsg("answer");
        other.ExpectMsg("question");
        Assert.Equal(TestActor, other.LastSender);
    }

    [Fact]
    public void ExpectLog_and_ExpectDeadLetter_fail_when_nothing_matches()
    {
        Assert.Throws<TestKitAssertionException>(() => ExpectLog(Microsoft.Extensions.Logging.LogLevel.Error, "no such line", TimeSpan.FromMilliseconds(20)));
        Assert.Throws<TestKitAssertionException>(() => ExpectDeadLetter<Guid>(within: TimeSpan.FromMilliseconds(20)));
    }

    [Fact]
    public void ReceiveN_collects_in_order()
    {
        TestActor.Tell(1);
        TestActor.Tell(2);
        TestActor.Tell(3);

        Assert.Equal([1, 2, 3], ReceiveN(3).Cast<int>());
    }
}
