namespace TimeActors.Actors;

/// <summary>
/// Base of every actor. Subclasses implement <see cref="Receive"/> (or derive from <see cref="ReceiveActor"/>).
/// </summary>
/// <remarks>
/// <see cref="Context"/>, <see cref="Self"/> and <see cref="Sender"/> are instance members bound to the
/// actor's cell, so they stay valid after an <c>await</c> inside <c>ReceiveAsync</c> (Akka.NET's are
/// static and thread-bound).
/// </remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Constructing
            ?? throw new ActorInitializationException(null, $"{GetType().Name} must be created through ActorOf(Props), not with 'new'", null);
    }

    internal ActorCell Cell => _cell;

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    protected IActorRef? Sender => _cell.CurrentSender;

    /// <summary>The behaviour used until the first <see cref="Become"/>; false means "not handled".</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>
    /// Called for messages no behaviour handled: an unhandled <see cref="Terminated"/> fails the actor
    /// (death pact); anything else is published as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.PublishUnhandled(message);
    }

    internal void InvokeUnhandled(object message) => Unhandled(message);

    /// <summary>Called by the cell right after the constructor returned.</summary>
    internal virtual void AfterConstruction()
    {
    }

    protected void Become(Receive receive) => _cell.Become(receive);

    protected void BecomeStacked(Receive receive) => _cell.BecomeStacked(receive);

    protected void UnbecomeStacked() => _cell.UnbecomeStacked();

    /// <summary>The strategy for this actor's children; <see cref="Props.SupervisorStrategy"/> wins when set.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>
    /// Runs asynchronous work as part of the current message: no other user message is processed until
    /// the task completes, and its continuations run on the actor. A fault fails the actor.
    /// </summary>
    protected void RunTask(Func<Task> work) => _cell.RunTask(work);

    protected internal virtual void PreStart()
    {
    }

    protected internal virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance: by default stops all children, then calls <see cref="PostStop"/>.</summary>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.GetChildren())
        {
            Context.Unwatch(child);
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance: by default calls <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();
}
