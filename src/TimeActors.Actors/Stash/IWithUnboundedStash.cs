namespace TimeActors.Actors;

/// <summary>Same as <see cref="IWithStash"/>: every stash here is unbounded.</summary>
public interface IWithUnboundedStash : IActorStash
{
}
