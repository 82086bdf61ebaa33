using System.Collections.Concurrent;

namespace TimeActors.Actors.TestKit;

/// <summary>Subscribes to all dead letters of the system under test and keeps them for assertions.</summary>
internal sealed class DeadLetterCollector(ConcurrentQueue<AllDeadLetters> sink, object signal) : ActorBase
{
    protected internal override bool Receive(object message)
    {
        if (message is not AllDeadLetters deadLetter)
        {
            return false;
        }

        sink.Enqueue(deadLetter);
        lock (signal)
        {
            Monitor.PulseAll(signal);
        }

        return true;
    }
}
