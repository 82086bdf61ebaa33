namespace TimeActors.Actors;

/// <summary>Something that can create actors: the system (top-level actors) or an actor's context (children).</summary>
public interface IActorRefFactory
{
    /// <param name="name">Unique among siblings; null or empty generates one (<c>$a</c>, <c>$b</c>, …).</param>
    IActorRef ActorOf(Props props, string? name = null);
}
