using System.Collections.Concurrent;

namespace TimeActors.Actors.TestKit;

/// <summary>The inbox of a TestActor or TestProbe: messages land here in arrival order.</summary>
internal sealed class TestActorQueue
{
    private readonly BlockingCollection<Envelope> _messages = new(new ConcurrentQueue<Envelope>());

    public int Count => _messages.Count;

    public void Add(Envelope envelope) => _messages.Add(envelope);

    public bool TryTake(out Envelope envelope, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return _messages.TryTake(out envelope);
        }

        return _messages.TryTake(out envelope, timeout);
    }

    public bool TryPeek(out Envelope envelope)
    {
        foreach (var e in _messages)
        {
            envelope = e;
            return true;
        }

        envelope = default;
        return false;
    }
}
