namespace TimeActors.Actors;

/// <summary><c>/deadLetters</c>: whatever is sent here is published as a dead letter.</summary>
internal sealed class DeadLettersActorRef(ActorSystem system, ActorPath path) : MinimalActorRef(path, 0)
{
    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null)
        {
            throw new InvalidMessageException("A null message cannot be sent (to deadLetters)");
        }

        if (message is AllDeadLetters already)
        {
            system.EventStream.Publish(already);
            return;
        }

        system.PublishDeadLetter(message, sender, this);
    }
}
