namespace TimeActors.Actors;

/// <summary>The ref of an actor that lives in this process; the same ref across restarts.</summary>
internal sealed class LocalActorRef : MinimalActorRef, ILocalRef
{
    public LocalActorRef(ActorCell cell, ActorPath path, long uid)
        : base(path, uid)
    {
        Cell = cell;
    }

    public ActorCell Cell { get; }

    public bool IsTerminated => Cell.IsTerminated;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null)
        {
            throw new InvalidMessageException($"A null message cannot be sent (to {Path})");
        }

        Cell.Mailbox.PostUser(new Envelope(message, sender));
    }
}
