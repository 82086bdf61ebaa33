namespace TimeActors.Actors;

/// <summary>The stash handle given to an actor instance; the stashed messages live in its cell.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    public int Count => cell.StashCount;

    public bool IsEmpty => cell.StashCount == 0;

    public void Stash() => cell.StashCurrent();

    public void Unstash() => cell.UnstashOne();

    public void UnstashAll() => cell.UnstashAllInternal();

    public void UnstashAll(Func<Envelope, bool> predicate) => cell.UnstashAllInternal(predicate);

    public IReadOnlyList<Envelope> ClearStash() => cell.ClearStash();
}
