namespace TimeActors.Actors;

/// <summary>
/// Ask: send a message with a temporary reply-to ref and get the reply as a task. The task faults with
/// <see cref="AskTimeoutException"/> on timeout (scheduler time, so virtual time drives it) or when the
/// recipient is already dead, and with the cause of a <see cref="Status.Failure"/> reply.
/// </summary>
public static class Futures
{
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        AskCore(receiver, message, timeout, cancellationToken);

    public static Task<object> Ask(this ICanTell receiver, object message, CancellationToken cancellationToken) =>
        AskCore(receiver, message, null, cancellationToken);

    public static async Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var reply = await AskCore(receiver, message, timeout, cancellationToken).ConfigureAwait(false);
        return reply is T typed
            ? typed
            : throw new ArgumentException($"Ask expected a reply of type {typeof(T).Name} but got {reply.GetType().Name}: {reply}");
    }

    public static Task<T> Ask<T>(this ICanTell receiver, object message, CancellationToken cancellationToken) =>
        receiver.Ask<T>(message, null, cancellationToken);

    private static Task<object> AskCore(ICanTell receiver, object message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        if (message is null)
        {
            return Task.FromException<object>(new InvalidMessageException("A null message cannot be asked"));
        }

        var system = SystemOf(receiver);
        if (system is null)
        {
            return Task.FromException<object>(new ArgumentException($"Cannot ask {receiver}: it is not an actor of an actor system in this process"));
        }

        if (receiver is LocalActorRef { IsTerminated: true } dead)
        {
            system.PublishDeadLetter(message, ActorRefs.NoSender, dead);
            return Task.FromException<object>(new AskTimeoutException($"Recipient {dead.Path} had already been terminated"));
        }

        var effective = timeout ?? system.Settings.AskTimeout;
        var promise = new PromiseActorRef(system);
        if (effective != Timeout.InfiniteTimeSpan)
        {
            if (effective <= TimeSpan.Zero)
            {
                return Task.FromException<object>(new ArgumentOutOfRangeException(nameof(timeout), effective, "An Ask timeout must be positive or infinite"));
            }

            var timer = system.Scheduler.ScheduleOnce(effective, () => promise.Fail(new AskTimeoutException($"Timeout after {effective.TotalSeconds} seconds waiting for a reply from {ReceiverName(receiver)} to {message.GetType().Name}")));
            promise.Task.ContinueWith(static (_, t) => ((ICancelable)t!).Cancel(), timer, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => promise.Fail(new TaskCanceledException("Ask cancelled")));
            promise.Task.ContinueWith(static (_, r) => ((CancellationTokenRegistration)r!).Dispose(), registration, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        receiver.Tell(message, promise);
        return promise.Task;
    }

    private static string ReceiverName(ICanTell receiver) => receiver is IActorRef r ? r.Path.ToString() : receiver.ToString() ?? "?";

    private static ActorSystem? SystemOf(ICanTell receiver) => receiver switch
    {
        LocalActorRef local => local.Cell.System,
        IActorSystemBound bound => bound.System,
        _ => ActorCell.Current?.System,
    };
}
