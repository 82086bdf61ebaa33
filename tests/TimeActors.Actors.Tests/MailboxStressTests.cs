namespace TimeActors.Actors.Tests;

/// <summary>
/// Races between a mailbox going idle and a new message arriving: a lost wake-up shows as a strict
/// ping-pong that stops. Each message waits for the previous, so every hand-off crosses that race.
/// The race is rare (a store-load reordering on the CPU); these runs catch gross regressions, and the
/// ping-pong benchmark (about 10^8 hand-offs) is where the fence in Mailbox.Run was found necessary.
/// </summary>
public sealed class MailboxStressTests : TestKit.TestKit
{
    [Fact]
    public async Task A_long_strict_ping_pong_loses_no_wake_up()
    {
        var done = new TaskCompletionSource<int>();
        var pong = Sys.ActorOf(Props.Create(() => new Bouncer(done)), "pong");
        var ping = Sys.ActorOf(Props.Create(() => new Bouncer(done)), "ping");

        ping.Tell(new Ball(300_000), pong);

        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == done.Task, "the ping-pong stalled: a message was enqueued but its mailbox never ran");
    }

    [Fact]
    public async Task Many_senders_racing_one_receiver_deliver_every_message()
    {
        var received = new TaskCompletionSource<int>();
        var receiver = Sys.ActorOf(Props.Create(() => new CountingReceiver(4 * 50_000, received)));

        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                receiver.Tell(i, ActorRefs.NoSender);
            }
        });

        Assert.Equal(200_000, await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private sealed class Ball(int hits)
    {
        public int Remaining = hits;
    }

    private sealed class Bouncer(TaskCompletionSource<int> done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var ball = (Ball)message;
            if (--ball.Remaining <= 0)
            {
                done.TrySetResult(0);
                return;
            }

            Sender!.Tell(ball, Self);
        }
    }

    private sealed class CountingReceiver(int expected, TaskCompletionSource<int> done) : UntypedActor
    {
        private int _count;

        protected override void OnReceive(object message)
        {
            if (++_count == expected)
            {
                done.TrySetResult(_count);
            }
        }
    }
}
