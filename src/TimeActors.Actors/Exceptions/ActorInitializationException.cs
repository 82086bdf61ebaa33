namespace TimeActors.Actors;

/// <summary>The actor's constructor or PreStart failed; the default decider stops such an actor.</summary>
public sealed class ActorInitializationException(IActorRef? actor, string message, Exception? cause)
    : Exception(message, cause)
{
    public IActorRef? Actor { get; } = actor;
}
