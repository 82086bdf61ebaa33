namespace TimeActors.Actors;

/// <summary>Runs the continuations of an actor's async handler on the actor itself, one at a time.</summary>
internal sealed class ActorSynchronizationContext(ActorCell cell) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => cell.Mailbox.PostSystem(new RunContinuation(d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;
}
