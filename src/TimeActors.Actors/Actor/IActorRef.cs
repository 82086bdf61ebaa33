namespace TimeActors.Actors;

/// <summary>An immutable handle to an actor: the only way to talk to it. Stays valid across restarts.</summary>
public interface IActorRef : ICanTell, IEquatable<IActorRef>, IComparable<IActorRef>
{
    ActorPath Path { get; }
}
