namespace TimeActors.Actors;

/// <summary>An ordinary user message: processed in order, it stops the actor that receives it.</summary>
public sealed class PoisonPill : IDeadLetterSuppression
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => "<PoisonPill>";
}
