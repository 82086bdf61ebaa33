using BenchmarkDotNet.Attributes;
using TimeActors.Actors;

namespace TimeActors.Benchmarks.Actors;

/// <summary>One actor receiving from 1,000 sender actors at once: contention on a single mailbox.</summary>
[MemoryDiagnoser]
public class FanInBenchmark
{
    private const int Senders = 1000;
    private const int PerSender = 1000;

    private ActorSystem _system = null!;
    private IActorRef[] _senders = [];
    private IActorRef _receiver = null!;
    private Counter _counter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("fanin", new ActorSystemSettings { TelemetryEnabled = false });
        _counter = new Counter();
        _receiver = _system.ActorOf(Props.Create(() => new Receiver(_counter)), "receiver");
        _senders = Enumerable.Range(0, Senders).Select(i => _system.ActorOf(Props.Create(() => new Sender()), $"s{i}")).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(OperationsPerInvoke = Senders * PerSender)]
    public void OneReceiverThousandSenders()
    {
        _counter.Reset(Senders * PerSender);
        var go = new Go(_receiver, PerSender);
        foreach (var sender in _senders)
        {
            sender.Tell(go, ActorRefs.NoSender);
        }

        _counter.Done.Wait();
    }

    private sealed record Go(IActorRef Target, int Count);

    private sealed class Counter
    {
        public ManualResetEventSlim Done { get; } = new();

        public int Left;

        public void Reset(int expected)
        {
            Left = expected;
            Done.Reset();
        }
    }

    private sealed class Sender : UntypedActor
    {
        private static readonly object Ping = new();

        protected override void OnReceive(object message)
        {
            var go = (Go)message;
            for (var i = 0; i < go.Count; i++)
            {
                go.Target.Tell(Ping, Self);
            }
        }
    }

    private sealed class Receiver(Counter counter) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (--counter.Left == 0)
            {
                counter.Done.Set();
            }
        }
    }
}
