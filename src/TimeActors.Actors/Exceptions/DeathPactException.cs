namespace TimeActors.Actors;

/// <summary>A watched actor died and the watcher did not handle <see cref="Terminated"/>.</summary>
public sealed class DeathPactException(IActorRef deadActor)
    : Exception($"Monitored actor {deadActor} terminated and the watcher did not handle Terminated")
{
    public IActorRef DeadActor { get; } = deadActor;
}
