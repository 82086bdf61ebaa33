namespace TimeActors.Actors;

/// <summary>Async handlers: the actor waits for the task, and its continuations run on the actor.</summary>
internal sealed partial class ActorCell
{
    private ActorSynchronizationContext? _synchronizationContext;
    private int _taskGeneration;
    private Envelope _taskEnvelope;

    public void RunTask(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext ??= new ActorSynchronizationContext(this));
        Task task;
        try
        {
            task = work();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult(); // rethrows a synchronous fault as the actor's failure
            return;
        }

        _state = CellState.AwaitingTask;
        _taskEnvelope = _current;
        var generation = ++_taskGeneration;
        task.ContinueWith(
            (t, state) => ((ActorCell)state!).Mailbox.PostSystem(new AsyncTaskCompleted(t, generation)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void RunContinuation(RunContinuation continuation)
    {
        if (IsStopping)
        {
            return;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        _current = _taskEnvelope;
        try
        {
            continuation.Callback(continuation.State);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void HandleTaskCompleted(AsyncTaskCompleted completed)
    {
        if (completed.Generation != _taskGeneration || _state != CellState.AwaitingTask)
        {
            return; // the actor restarted or stopped meanwhile
        }

        var message = _taskEnvelope.Message;
        _taskEnvelope = default;
        _current = default;
        _state = CellState.Running;
        if (completed.Task.IsFaulted)
        {
            var cause = completed.Task.Exception!.InnerExceptions.Count == 1 ? completed.Task.Exception.InnerException! : completed.Task.Exception;
            HandleInvokeFailure(cause, message);
        }
        else if (completed.Task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(completed.Task), message);
        }
    }
}
