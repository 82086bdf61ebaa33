namespace TimeActors.Actors.TestKit;

/// <summary>
/// The actor behind a TestKit or TestProbe: it queues every message (Terminated included, so watching
/// never fails it) and performs watch requests in its own context.
/// </summary>
internal sealed class TestActor(TestActorQueue queue) : ActorBase
{
    protected internal override bool Receive(object message)
    {
        switch (message)
        {
            case WatchRequest request:
                Context.Watch(request.Subject);
                Sender?.Tell(request, Self);
                return true;
            case UnwatchRequest request:
                Context.Unwatch(request.Subject);
                Sender?.Tell(request, Self);
                return true;
            default:
                queue.Add(new Envelope(message, Sender));
                return true;
        }
    }

    internal sealed record WatchRequest(IActorRef Subject);

    internal sealed record UnwatchRequest(IActorRef Subject);
}
