namespace TimeActors.Actors;

/// <summary>
/// Carries a Terminated (or a WatchWith message) through the watcher's user queue, so that an Unwatch
/// after it was queued can still drop it.
/// </summary>
internal sealed record WatchedTerminated(IActorRef Actor, object Message) : IDeadLetterSuppression;
