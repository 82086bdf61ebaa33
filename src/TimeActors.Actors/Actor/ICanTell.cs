namespace TimeActors.Actors;

/// <summary>Anything a message can be sent to. <see cref="Tell"/> is the only send primitive.</summary>
public interface ICanTell
{
    /// <param name="message">Never null: a null message is a programming error and is rejected.</param>
    /// <param name="sender">The reply-to ref; <see cref="ActorRefs.NoSender"/> when there is none.</param>
    void Tell(object message, IActorRef? sender);
}
