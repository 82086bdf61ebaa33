namespace TimeActors.Actors;

/// <summary>
/// Counts mailboxes that are scheduled or running, so virtual time can wait until everything a timer
/// caused has been processed before it fires the next one. Only created for virtual-time systems.
/// </summary>
/// <remarks>
/// The waiter spins briefly (a turn is usually microseconds) and then blocks on an event set when the
/// count drops to zero. A plain SpinWait falls back to Thread.Sleep(1), which on a busy machine made
/// every firing cost milliseconds and a long simulation minutes. The count stays the truth: the event
/// only wakes the waiter, which re-checks it (and wakes itself every millisecond in any case).
/// </remarks>
internal sealed class FlowTracker
{
    private const int SpinIterations = 50;

    private readonly ManualResetEventSlim _idle = new(true);
    private long _active;

    public long Active => Interlocked.Read(ref _active);

    public void Enter()
    {
        if (Interlocked.Increment(ref _active) == 1)
        {
            _idle.Reset();
        }
    }

    public void Exit()
    {
        if (Interlocked.Decrement(ref _active) == 0)
        {
            _idle.Set();
        }
    }

    /// <returns>False if work was still going on when <paramref name="timeout"/> ran out.</returns>
    public bool WaitUntilIdle(TimeSpan timeout)
    {
        var spin = new SpinWait();
        for (int i = 0; i < SpinIterations; i++)
        {
            if (Interlocked.Read(ref _active) == 0)
            {
                return true;
            }

            spin.SpinOnce(sleep1Threshold: -1);
        }

        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Interlocked.Read(ref _active) != 0)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            // An Enter racing an Exit may leave the event set while work remains, or reset while none
            // does: the bounded wait and the re-check of the count cover both.
            _idle.Wait(1);
        }

        return true;
    }
}
