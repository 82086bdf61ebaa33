namespace TimeActors.Actors;

/// <summary>Base for refs that are not backed by an actor cell: equality by path and unique id.</summary>
public abstract class MinimalActorRef : IActorRef
{
    protected MinimalActorRef(ActorPath path, long uid)
    {
        Path = path;
        Uid = uid;
    }

    public ActorPath Path { get; }

    /// <summary>Tells apart two incarnations that share a path.</summary>
    public long Uid { get; }

    public abstract void Tell(object message, IActorRef? sender);

    /// <summary>
    /// Same path and same incarnation. A ref of another kind (a TestProbe wrapping an actor) is asked to
    /// compare itself, so a wrapper and the actor it wraps are equal both ways.
    /// </summary>
    public bool Equals(IActorRef? other) => other switch
    {
        null => false,
        MinimalActorRef m => m.Uid == Uid && m.Path.Equals(Path),
        _ => other.Path.Equals(Path) && other.Equals(this),
    };

    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Path, Uid);

    public int CompareTo(IActorRef? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPath = Path.CompareTo(other.Path);
        return byPath != 0 ? byPath : Uid.CompareTo((other as MinimalActorRef)?.Uid ?? 0);
    }

    public override string ToString() => $"[{Path}#{Uid}]";
}
