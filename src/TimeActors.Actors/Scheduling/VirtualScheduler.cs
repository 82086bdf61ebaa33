namespace TimeActors.Actors;

/// <summary>
/// A scheduler whose time moves only through <see cref="Advance"/> and <see cref="AdvanceTo"/>. Entries
/// fire in due order (insertion order among equal dues), each with <see cref="Now"/> set to its due time.
/// </summary>
/// <remarks>
/// Unlike Akka.NET's TestScheduler, which re-arms a periodic entry at "new now + interval" and so fires
/// it once however far time jumps, this scheduler fires <em>every</em> occurrence that falls inside the
/// advanced span. A simulated hour with a 1 s periodic timer therefore delivers 3600 ticks, which is
/// what a simulation of a time service needs. When attached to an actor system, each firing waits until
/// the actors have processed everything it caused, so timers armed in response are seen in the same
/// advance and runs are deterministic.
/// </remarks>
public sealed class VirtualScheduler : SchedulerBase
{
    private readonly object _gate = new();
    private readonly object _advanceGate = new();
    private readonly PriorityQueue<ScheduledEntry, (TimeSpan Due, long Sequence)> _queue = new();
    private readonly DateTimeOffset _start;
    private long _sequence;
    private TimeSpan _elapsed;

    public VirtualScheduler(DateTimeOffset start)
    {
        _start = start;
    }

    public VirtualScheduler()
        : this(DateTimeOffset.UnixEpoch)
    {
    }

    public override DateTimeOffset Now => _start + MonotonicClock;

    public override TimeSpan MonotonicClock
    {
        get
        {
            lock (_gate)
            {
                return _elapsed;
            }
        }
    }

    /// <summary>Called after each firing to let the consequences settle; set by the actor system.</summary>
    internal Action? AfterFire { get; set; }

    /// <summary>Entries waiting, cancelled ones included until their due time passes.</summary>
    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Due time of the next live entry, or null when none is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                while (_queue.TryPeek(out var head, out var key))
                {
                    if (!head.IsCancellationRequested)
                    {
                        return _start + key.Due;
                    }

                    _queue.Dequeue();
                }

                return null;
            }
        }
    }

    public void Advance(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Virtual time cannot go back (asked to advance by {span})");
        }

        lock (_advanceGate)
        {
            AdvanceToElapsed(MonotonicClock + span);
        }
    }

    public void AdvanceTo(DateTimeOffset time)
    {
        lock (_advanceGate)
        {
            var target = time - _start;
            if (target < MonotonicClock)
            {
                throw new InvalidOperationException($"Virtual time cannot go back from {Now:O} to {time:O}");
            }

            AdvanceToElapsed(target);
        }
    }

    private protected override ICancelable Add(ScheduledEntry entry, TimeSpan delay)
    {
        lock (_gate)
        {
            entry.Due = _elapsed + delay;
            _queue.Enqueue(entry, (entry.Due, _sequence++));
        }

        return entry;
    }

    private void AdvanceToElapsed(TimeSpan target)
    {
        AfterFire?.Invoke();
        while (true)
        {
            ScheduledEntry entry;
            lock (_gate)
            {
                if (!_queue.TryPeek(out entry!, out var key) || key.Due > target)
                {
                    _elapsed = target;
                    return;
                }

                _queue.Dequeue();
                if (entry.IsCancellationRequested)
                {
                    continue;
                }

                _elapsed = key.Due;
                if (entry.Interval > TimeSpan.Zero)
                {
                    entry.Due = key.Due + entry.Interval;
                    _queue.Enqueue(entry, (entry.Due, _sequence++));
                }
            }

            entry.Action();
            AfterFire?.Invoke();
        }
    }
}
