namespace TimeActors.Actors;

/// <summary>One pending occurrence in a scheduler's queue; it is its own cancellation handle.</summary>
internal sealed class ScheduledEntry(Action action, TimeSpan interval) : ICancelable
{
    private volatile bool _cancelled;

    public Action Action { get; } = action;

    /// <summary>Zero for a one-shot entry.</summary>
    public TimeSpan Interval { get; } = interval;

    /// <summary>Monotonic due time; only the owning scheduler changes it (on re-arming a periodic entry).</summary>
    public TimeSpan Due { get; set; }

    public bool IsCancellationRequested => _cancelled;

    public void Cancel() => _cancelled = true;
}
