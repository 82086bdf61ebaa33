namespace TimeActors.Actors;

/// <summary>Makes the receiving actor fail with <see cref="ActorKilledException"/>; its supervisor decides (default: stop).</summary>
public sealed class Kill
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => "<Kill>";
}
