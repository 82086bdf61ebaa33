namespace TimeActors.Actors;

/// <summary>
/// Messages the kernel sends to a cell about its lifecycle. They travel in a separate queue and are all
/// handled before the next user message.
/// </summary>
internal abstract record SystemMessage;

/// <summary>Build the first instance and run PreStart.</summary>
internal sealed record CreateActor : SystemMessage
{
    public static readonly CreateActor Instance = new();
}

/// <summary>Stop: children first, then PostStop, then tell watchers and parent.</summary>
internal sealed record TerminateActor : SystemMessage
{
    public static readonly TerminateActor Instance = new();
}

internal sealed record WatchActor(ActorCell Watchee, IActorRef Watcher) : SystemMessage;

internal sealed record UnwatchActor(ActorCell Watchee, IActorRef Watcher) : SystemMessage;

/// <summary>To a watcher: the watched actor has stopped.</summary>
internal sealed record DeathWatchNotification(IActorRef Actor, bool ExistenceConfirmed) : SystemMessage;

/// <summary>To a parent: a child failed and is suspended until the parent decides.</summary>
internal sealed record ChildFailed(ActorCell Child, Exception Cause) : SystemMessage;

/// <summary>To a parent: a child has finished stopping.</summary>
internal sealed record ChildTerminated(ActorCell Child) : SystemMessage;

/// <summary>To a failed child: restart with a fresh instance.</summary>
internal sealed record RecreateActor(Exception Cause) : SystemMessage;

/// <summary>To a failed child: carry on with the same instance.</summary>
internal sealed record ResumeActor : SystemMessage
{
    public static readonly ResumeActor Instance = new();
}

/// <summary>A continuation of an async handler, run on the actor.</summary>
internal sealed record RunContinuation(SendOrPostCallback Callback, object? State) : SystemMessage;

/// <summary>The task of an async handler has completed; user messages may flow again.</summary>
internal sealed record AsyncTaskCompleted(Task Task, int Generation) : SystemMessage;
