using System.Collections.Concurrent;

namespace TimeActors.Actors;

/// <summary>
/// Runs every mailbox given to it on one dedicated thread, in the order they were scheduled. With
/// virtual time this makes a run deterministic (actors never race each other, so the same inputs give
/// the same interleaving every time) and cheap (one thread hand-off per timer firing instead of one per
/// actor hop). An actor that blocks its thread stalls all others, so it is only for actors that do not
/// (a simulation's non-blocking ports). Chosen by <see cref="ActorSystemSettings.SingleThreaded"/>.
/// </summary>
public sealed class SingleThreadDispatcher : MessageDispatcher, IDisposable
{
    private readonly ConcurrentQueue<Mailbox> _ready = new();
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly Thread _thread;
    private volatile bool _stopped;

    public SingleThreadDispatcher(string id, int throughput)
        : base(id, throughput)
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = $"dispatcher:{id}" };
        _thread.Start();
    }

    public void Dispose()
    {
        _stopped = true;
        _signal.Release();
    }

    internal override void Attach(Mailbox mailbox)
    {
    }

    internal override void Execute(Mailbox mailbox)
    {
        _ready.Enqueue(mailbox);
        _signal.Release();
    }

    internal override void Detach(Mailbox mailbox)
    {
    }

    private void Loop()
    {
        while (true)
        {
            _signal.Wait();
            if (_ready.TryDequeue(out var mailbox))
            {
                mailbox.Run();
            }
            else if (_stopped)
            {
                return;
            }
        }
    }
}
