namespace TimeActors.Actors;

/// <summary>An actor with a stash; the kernel fills <see cref="Stash"/> in before the actor's first message.</summary>
public interface IActorStash
{
    IStash Stash { get; set; }
}
