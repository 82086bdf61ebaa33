namespace TimeActors.Actors;

/// <summary>The temporary reply-to ref of an Ask: the first reply completes the task, later ones are dead letters.</summary>
internal sealed class PromiseActorRef : MinimalActorRef, ILocalRef
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PromiseActorRef(ActorSystem system)
        : base(system.NextTempPath(), system.NextUid())
    {
        _system = system;
    }

    public Task<object> Task => _completion.Task;

    public bool IsTerminated => _completion.Task.IsCompleted;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is null)
        {
            throw new InvalidMessageException("A null message cannot be sent (to an Ask reply)");
        }

        var completed = message is Status.Failure failure
            ? _completion.TrySetException(failure.Cause)
            : _completion.TrySetResult(message);
        if (!completed)
        {
            _system.PublishDeadLetter(message, sender, this);
        }
    }

    public void Fail(Exception cause) => _completion.TrySetException(cause);
}
