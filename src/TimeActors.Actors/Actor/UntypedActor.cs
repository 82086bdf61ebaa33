namespace TimeActors.Actors;

/// <summary>An actor with one method for every message; it calls <c>Unhandled</c> itself for what it does not know.</summary>
public abstract class UntypedActor : ActorBase
{
    protected internal sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }

    protected abstract void OnReceive(object message);
}
