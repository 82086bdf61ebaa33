namespace TimeActors.Actors;

/// <summary>
/// Counts mailboxes that are scheduled or running, so virtual time can wait until everything a timer
/// caused has been processed before it fires the next one. Only created for virtual-time systems.
/// </summary>
internal sealed class FlowTracker
{
    private long _active;

    public long Active => Interlocked.Read(ref _active);

    public void Enter() => Interlocked.Increment(ref _active);

    public void Exit() => Interlocked.Decrement(ref _active);

    /// <returns>False if work was still going on when <paramref name="timeout"/> ran out.</returns>
    public bool WaitUntilIdle(TimeSpan timeout) => SpinWait.SpinUntil(() => Interlocked.Read(ref _active) == 0, timeout);
}
