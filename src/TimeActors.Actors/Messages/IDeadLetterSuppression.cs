namespace TimeActors.Actors;

/// <summary>Messages that are expected to reach dead actors (PoisonPill, Terminated): published as suppressed dead letters, never logged.</summary>
public interface IDeadLetterSuppression
{
}
