namespace TimeActors.Actors;

/// <summary>A ref that is not an actor itself but belongs to a system (e.g. a TestProbe), so it can be asked.</summary>
public interface IActorSystemBound
{
    ActorSystem System { get; }
}
