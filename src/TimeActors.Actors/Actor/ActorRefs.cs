namespace TimeActors.Actors;

/// <summary>The two special refs of Akka.NET: no sender at all, and a ref that exists but reaches nobody.</summary>
public static class ActorRefs
{
    /// <summary>Use as sender when there is nobody to reply to.</summary>
    public static readonly IActorRef? NoSender;

    /// <summary>A ref to nowhere: messages sent to it are dropped (e.g. an Identify for a missing actor answers with it).</summary>
    public static readonly IActorRef Nobody = new NobodyActorRef();

    private sealed class NobodyActorRef : MinimalActorRef
    {
        public NobodyActorRef()
            : base(ActorPath.Root("nobody") / "nobody", 0)
        {
        }

        public override void Tell(object message, IActorRef? sender)
        {
            // Nobody exists here; dropping is the documented behaviour.
        }
    }
}
