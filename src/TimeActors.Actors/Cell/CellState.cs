namespace TimeActors.Actors;

/// <summary>Where an actor cell is in its life; only <see cref="Running"/> accepts user messages.</summary>
internal enum CellState
{
    /// <summary>Waiting for its CreateActor system message.</summary>
    Created,
    Running,

    /// <summary>An async handler is running; user messages wait until its task completes.</summary>
    AwaitingTask,

    /// <summary>Failed; waiting for the parent's directive.</summary>
    Failed,

    /// <summary>Restarting; waiting for the children it stopped.</summary>
    Restarting,

    /// <summary>Stopping; waiting for its children to stop first.</summary>
    Terminating,
    Terminated,
}
