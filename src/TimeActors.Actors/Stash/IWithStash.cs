namespace TimeActors.Actors;

/// <summary>Akka.NET's marker for stashing actors. Stashes here are unbounded and survive restarts.</summary>
public interface IWithStash : IActorStash
{
}
