using BenchmarkDotNet.Attributes;
using TimeActors.Actors;

namespace TimeActors.Benchmarks.Actors;

/// <summary>
/// Two actors bouncing messages: throughput of the kernel's Tell/mailbox/dispatch path.
/// <see cref="InFlight"/> messages circulate at once (1 is a strict ping-pong: every message waits for
/// the previous; more keeps both mailboxes busy, as a loaded service does).
/// </summary>
[MemoryDiagnoser]
public class PingPongBenchmark
{
    private const int Messages = 1_000_000;

    private ActorSystem _system = null!;
    private IActorRef _ping = null!;
    private IActorRef _pong = null!;

    [Params(1, 1000)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", new ActorSystemSettings { TelemetryEnabled = false });
        _pong = _system.ActorOf(Props.Create(() => new Bouncer()), "pong");
        _ping = _system.ActorOf(Props.Create(() => new Bouncer()), "ping");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Messages)]
    public void PingPong()
    {
        var done = new CountdownEvent(InFlight);
        var perBall = Messages / InFlight;
        for (var i = 0; i < InFlight; i++)
        {
            _ping.Tell(new Ball(perBall, done), _pong);
        }

        done.Wait();
    }

    private sealed class Ball(int hits, CountdownEvent done)
    {
        public int Remaining = hits;

        public CountdownEvent Done => done;
    }

    private sealed class Bouncer : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            var ball = (Ball)message;
            if (--ball.Remaining <= 0)
            {
                ball.Done.Signal();
                return;
            }

            Sender!.Tell(ball, Self);
        }
    }
}
